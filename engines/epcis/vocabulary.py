"""CBV 2.0 code lists (bizStep, disposition, business transaction type, source/destination type, error reason,
sensor component) and Chinese labels of bizSteps and dispositions for the consumer page.

    cbv_normalise("bizstep", "urn:epcglobal:cbv:bizstep:shipping")        → "shipping"
    cbv_normalise("bizstep", "https://ref.gs1.org/cbv/BizStep-shipping")  → "shipping"
    cbv_web_uri("disposition", "in_transit")                              → "https://ref.gs1.org/cbv/Disp-in_transit"
    cbv_label_zh("bizstep", "shipping")                                   → "发货"

The lists are package data (`data/cbv.json`, generated once by `data/generate.py` from the GS1 CBV JSON-LD contexts);
they are read when first used, never from anywhere outside this package.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Final

from engines.epcis.errors import InputError

CBV_WEB: Final = "https://ref.gs1.org/cbv/"
# kind → (URN segment, Web URI term prefix)
KINDS: Final = MappingProxyType(
    {
        "bizstep": ("bizstep", "BizStep-"),
        "disposition": ("disp", "Disp-"),
        "btt": ("btt", "BTT-"),
        "sdt": ("sdt", "SDT-"),
        "er": ("er", "ER-"),
        "comp": ("comp", "Comp-"),
    }
)

BIZSTEP_ZH: Final = MappingProxyType(
    {
        "accepting": "验收",
        "arriving": "到达",
        "assembling": "组装",
        "collecting": "收集",
        "commissioning": "赋码",
        "consigning": "寄售交付",
        "creating_class_instance": "批次实例化",
        "cycle_counting": "循环盘点",
        "decommissioning": "注销标识",
        "departing": "离场",
        "destroying": "销毁",
        "disassembling": "拆解",
        "dispensing": "分装发放",
        "encoding": "写码",
        "entering_exiting": "出入场",
        "holding": "暂扣",
        "inspecting": "检验",
        "installing": "安装",
        "killing": "标签灭活",
        "loading": "装车",
        "other": "其他",
        "packing": "包装",
        "picking": "拣货",
        "receiving": "收货",
        "removing": "移除",
        "repackaging": "重新包装",
        "repairing": "维修",
        "replacing": "更换",
        "reserving": "预留",
        "retail_selling": "零售",
        "sampling": "抽样",
        "sensor_reporting": "传感器上报",
        "shipping": "发货",
        "staging_outbound": "待发暂存",
        "stock_taking": "盘点",
        "stocking": "上架",
        "storing": "仓储",
        "transporting": "运输",
        "unloading": "卸货",
        "unpacking": "拆包",
        "void_shipping": "取消发货",
    }
)

DISPOSITION_ZH: Final = MappingProxyType(
    {
        "active": "已激活",
        "available": "可用",
        "completeness_inferred": "完整性已推定",
        "completeness_verified": "完整性已核实",
        "conformant": "合格",
        "container_closed": "容器已封闭",
        "container_open": "容器已开启",
        "damaged": "已损坏",
        "destroyed": "已销毁",
        "dispensed": "已发放",
        "disposed": "已处置",
        "encoded": "已写码",
        "expired": "已过期",
        "in_progress": "处理中",
        "in_transit": "运输中",
        "inactive": "未激活",
        "mismatch_class": "品类不符",
        "mismatch_instance": "实例不符",
        "mismatch_quantity": "数量不符",
        "needs_replacement": "需更换",
        "no_pedigree_match": "谱系不符",
        "non_conformant": "不合格",
        "non_sellable_other": "不可销售",
        "partially_dispensed": "部分发放",
        "recalled": "已召回",
        "reserved": "已预留",
        "retail_sold": "已零售",
        "returned": "已退回",
        "sellable_accessible": "可销售（可取用）",
        "sellable_not_accessible": "可销售（不可取用）",
        "stolen": "被盗",
        "unavailable": "不可用",
        "unknown": "未知",
    }
)


@cache
def _lists() -> dict[str, frozenset[str]]:
    text = resources.files("engines.epcis").joinpath("data/cbv.json").read_text(encoding="utf-8")
    raw = json.loads(text)
    lists = {"bizstep": raw["bizstep"], "disposition": raw["disposition"]}
    lists.update({k: raw[k] for k in ("btt", "sdt", "er", "comp")})
    return {kind: frozenset(words) for kind, words in lists.items()}


def cbv_codes(kind: str) -> frozenset[str]:
    """The bare words of one CBV 2.0 code list (`bizstep`, `disposition`, `btt`, `sdt`, `er`, `comp`)."""
    if kind not in KINDS:
        raise InputError("kind", "unknown_vocabulary", "kind must be one of " + ", ".join(KINDS))
    return _lists()[kind]


def cbv_normalise(kind: str, value: str, *, field: str = "value") -> str:
    """The bare CBV word of a bare word, a CBV URN or a GS1 Web URI; `unknown_vocabulary` if not in CBV 2.0."""
    codes = cbv_codes(kind)
    if not isinstance(value, str):
        raise InputError(field, "not_a_string", "a CBV value is a string")
    segment, term = KINDS[kind]
    text = value.strip()
    urn = f"urn:epcglobal:cbv:{segment}:"
    web = CBV_WEB + term
    if text.startswith(urn):
        word = text[len(urn) :]
    elif text.startswith(web):
        word = text[len(web) :]
    elif text.startswith("cbv:" + term):
        word = text[len("cbv:" + term) :]
    elif ":" in text:
        raise InputError(field, "unknown_scheme", f"not a CBV {kind} URN or GS1 Web URI")
    else:
        word = text
    if word not in codes:
        raise InputError(field, "unknown_vocabulary", f"{word!r} is not a CBV 2.0 {kind} value")
    return word


def cbv_web_uri(kind: str, value: str, *, field: str = "value") -> str:
    """The GS1 Web URI (`https://ref.gs1.org/cbv/…`) of a CBV value in any of the three forms."""
    word = cbv_normalise(kind, value, field=field)
    return CBV_WEB + KINDS[kind][1] + word


def cbv_urn(kind: str, value: str, *, field: str = "value") -> str:
    """The CBV URN (`urn:epcglobal:cbv:…`) of a CBV value in any of the three forms."""
    word = cbv_normalise(kind, value, field=field)
    return f"urn:epcglobal:cbv:{KINDS[kind][0]}:{word}"


def cbv_label_zh(kind: str, value: str) -> str:
    """The Chinese label of a bizStep or disposition (any form), for the consumer-facing trace page."""
    word = cbv_normalise(kind, value)
    if kind == "bizstep":
        return BIZSTEP_ZH[word]
    if kind == "disposition":
        return DISPOSITION_ZH[word]
    raise InputError("kind", "unknown_vocabulary", "Chinese labels exist for bizstep and disposition only")
