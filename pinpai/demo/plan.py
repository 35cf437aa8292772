"""Deterministic demo data: the same seed and scale always give the same organisations and people.

Pure: builds plain rows; services.demo_load writes them through the real services.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from pinpai.common.identifiers import organisation_code_check_digit, uscc_with_check_digit

# Characters allowed in the organisation-code part of a USCC (GB 32100: no I, O, S, V, Z).
_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_ORG_BODY_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"

TRADE_NAMES = (
    "鑫源", "华美", "金穗", "渝丰", "巴蜀", "山城", "江韵", "嘉陵", "锦程", "天府", "恒盛", "瑞丰",
    "绿野", "乌江", "三峡", "缙云", "龙腾", "宏达", "福润", "祥和", "长江", "红岩", "翠微", "百川",
    "盛世", "佳禾", "富民", "兴农", "康源", "德润", "隆鑫", "凯瑞", "春晖", "远洋", "金桥", "汇川",
)  # fmt: skip

# Featured lines with the districts where they are really made or grown, and a business-name suffix.
INDUSTRIES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("榨菜", ("500102", "500230", "500101"), "榨菜食品有限公司"),
    ("脐橙", ("500236", "500235", "500233"), "果业有限公司"),
    ("荣昌生猪", ("500153",), "生猪养殖有限公司"),
    ("柚子", ("500155", "500110"), "柚业专业合作社"),
    ("花椒", ("500116", "500242"), "花椒产业有限公司"),
    ("茶叶", ("500118", "500119", "500241"), "茶业有限公司"),
    ("中药材", ("500240", "500238"), "中药材种植有限公司"),
    ("特色水果", ("500237", "500152"), "农业开发有限公司"),
    ("火锅底料", ("500105", "500107", "500113"), "食品有限公司"),
    ("摩托车", ("500107", "500112", "500113"), "摩托车制造有限公司"),
    ("汽车零部件", ("500112", "500115", "500120"), "汽车零部件有限公司"),
    ("电子终端", ("500106", "500112", "500118"), "电子科技有限公司"),
    ("大足五金", ("500111",), "五金制品有限公司"),
    ("渝派时装", ("500103", "500108"), "服饰有限公司"),
    ("荣昌夏布", ("500153",), "夏布织造有限公司"),
    ("重庆火锅", ("500103", "500105", "500106"), "餐饮管理有限公司"),
    ("大足石刻", ("500111",), "文化旅游发展有限公司"),
    ("医养融合", ("500109", "500117"), "健康管理有限公司"),
)  # fmt: skip

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何罗高林谭冉向廖"
GIVEN = ("明", "华", "建国", "小红", "丽", "勇", "静", "伟", "芳", "军", "敏", "涛", "燕", "强", "娟", "波")

DEMO_PASSWORD = "pinpai-demo-2026"  # noqa: S105 - printed by the command; demo data only


@dataclass(frozen=True)
class OrgRow:
    kind: str
    name: str
    uscc: str | None
    district_code: str | None
    industry: str = ""


@dataclass(frozen=True)
class UserRow:
    username: str
    full_name: str
    role: str
    organisation: str  # a name from the org rows, or a reference key ("department:市农委")


@dataclass(frozen=True)
class DemoPlan:
    organisations: tuple[OrgRow, ...]
    users: tuple[UserRow, ...]


def demo_uscc(rng: random.Random, district_code: str, registration: str = "91") -> str:
    """A USCC with valid check digits: registration type, division code, organisation code, check."""
    body = "MA" + "".join(rng.choice(_ORG_BODY_CHARS) for _ in range(6))
    org_code = body + organisation_code_check_digit(body)
    return uscc_with_check_digit(registration + district_code + org_code)


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def build_plan(*, scale: int, seed: int, district_names: dict[str, str]) -> DemoPlan:
    """`scale` 1 gives 60 enterprises plus intermediaries, banks, associations and an expert pool."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    rng = random.Random(seed)  # noqa: S311 - demo data must be reproducible from a seed, not secret
    used_names: set[str] = set()
    used_codes: set[str] = set()
    orgs: list[OrgRow] = []

    def unique_uscc(district: str, registration: str = "91") -> str:
        while True:
            code = demo_uscc(rng, district, registration)
            if code not in used_codes:
                used_codes.add(code)
                return code

    def add(kind: str, name: str, district: str, industry: str = "", registration: str = "91") -> OrgRow:
        row = OrgRow(kind, name, unique_uscc(district, registration), district, industry)
        orgs.append(row)
        used_names.add(name)
        return row

    for _ in range(60 * scale):
        product, districts, suffix = rng.choice(INDUSTRIES)
        district = rng.choice(districts)
        place = district_names[district].removesuffix("土家族苗族自治县").removesuffix("苗族土家族自治县")
        place = place.removesuffix("土家族自治县").removesuffix("区").removesuffix("县")
        for _attempt in range(50):
            name = f"重庆市{place}{rng.choice(TRADE_NAMES)}{suffix}"
            if name in used_names:
                name = f"重庆{rng.choice(TRADE_NAMES)}{rng.choice(TRADE_NAMES)}{suffix}"
            if name not in used_names:
                break
        else:  # pragma: no cover - 36² names per suffix exhaust only at very large scales
            name = f"重庆{place}{len(orgs)}号{suffix}"
        add("enterprise", name, district, product)

    for i in range(2 * scale):
        add("intermediary", f"重庆{TRADE_NAMES[i % len(TRADE_NAMES)]}品牌评价咨询有限公司", "500103")
    for name, district in (
        ("重庆农村商业银行演示支行", "500103"),
        ("重庆银行演示支行", "500105"),
        ("三峡银行演示支行", "500101"),
    ):
        add("bank", name, district)
    add("association", "重庆市品牌建设促进会（演示）", "500103", registration="51")
    add("association", "重庆市火锅协会（演示）", "500105", registration="51")
    orgs.append(OrgRow("expert_pool", "重庆市品牌评价专家库（演示）", None, None))

    first = {kind: next(o for o in orgs if o.kind == kind) for kind in ("enterprise", "intermediary", "bank")}
    users = (
        UserRow("admin", "系统管理员", "system_admin", "department:市质监局"),
        UserRow("agri", _person(rng), "department_staff", "department:市农委"),
        UserRow("econ", _person(rng), "department_staff", "department:市经济信息委"),
        UserRow("fuling", _person(rng), "district_staff", "district:500102"),
        UserRow("enterprise", _person(rng), "enterprise_user", first["enterprise"].name),
        UserRow("evaluator", _person(rng), "intermediary_evaluator", first["intermediary"].name),
        UserRow("expert", _person(rng), "expert", "重庆市品牌评价专家库（演示）"),
        UserRow("banker", _person(rng), "bank_officer", first["bank"].name),
    )
    return DemoPlan(tuple(orgs), users)
