"""Every public service takes a keyword-only `actor` and has a `can_<service>` predicate."""

import importlib
import inspect
import pkgutil
from types import ModuleType
from typing import Any

import pinpai

# Services that are not business operations, with the reason.
EXEMPT = {
    # Bootstrapping: creates the named actor that commands and tasks act as.
    "pinpai.accounts.services.users.system_user_ensure",
    # The audit writer itself: every service calls it with its own, already-checked actor.
    "pinpai.audit.services.audit_record",
    "pinpai.audit.services.audit_record_many",
    "pinpai.audit.services.audit_batch",
    # Record what Django's authentication already decided (its signals call them), for the actor themself.
    "pinpai.accounts.services.sessions.user_sign_in_record",
    "pinpai.accounts.services.sessions.user_sign_out_record",
    "pinpai.accounts.services.sessions.user_sign_in_failure_record",
    # A pure helper computing a {field: [before, after]} map; writes nothing.
    "pinpai.audit.services.model_changes",
}


def _service_modules() -> list[ModuleType]:
    modules = []
    for info in pkgutil.walk_packages(pinpai.__path__, "pinpai."):
        if info.name.endswith(".services") or ".services." in info.name:
            modules.append(importlib.import_module(info.name))
    return modules


def _permissions_module(service_module: ModuleType) -> ModuleType:
    app = service_module.__name__.split(".services")[0]
    return importlib.import_module(f"{app}.permissions")


def _public_services() -> list[tuple[str, Any, ModuleType]]:
    found: list[tuple[str, Any, ModuleType]] = []
    for module in _service_modules():
        for name, func in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or func.__module__ != module.__name__:
                continue
            found.append((f"{module.__name__}.{name}", func, module))
    return found


def test_services_are_found():
    names = {n for n, _, _ in _public_services()}
    assert "pinpai.accounts.services.organisations.organisation_create" in names
    assert "pinpai.common.services.reference_load" in names


def test_every_public_service_takes_a_keyword_only_actor():
    missing = []
    for qualname, func, _ in _public_services():
        if qualname in EXEMPT:
            continue
        param = inspect.signature(func).parameters.get("actor")
        if param is None or param.kind is not inspect.Parameter.KEYWORD_ONLY:
            missing.append(qualname)
    assert missing == []


def test_every_public_service_has_a_can_predicate():
    missing = []
    for qualname, func, module in _public_services():
        if qualname in EXEMPT:
            continue
        predicate = getattr(_permissions_module(module), f"can_{func.__name__}", None)
        if predicate is None or "actor" not in inspect.signature(predicate).parameters:
            missing.append(qualname)
    assert missing == []


def test_exemptions_are_still_real():
    names = {n for n, _, _ in _public_services()}
    assert names >= EXEMPT
