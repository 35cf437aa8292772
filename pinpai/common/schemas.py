from ninja import Schema


class DistrictOut(Schema):
    code: str
    name: str
    kind: str
    zone: str
    functional_zone: str


class ProductLineOut(Schema):
    name: str
    plan_task: str


class PillarOut(Schema):
    code: str
    sector: str
    name: str
    name_en: str
    product_lines: list[ProductLineOut]
