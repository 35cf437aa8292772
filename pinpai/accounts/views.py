"""Sign in, sign out (Django's views) and password change (through the service)."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm  # validation only; the service writes
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pinpai.accounts.models import User
from pinpai.accounts.services import user_password_change


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        me = cast(User, request.user)  # login_required
        user = user_password_change(actor=me, user=me, new_password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, user)
        messages.success(request, _("Your password has been changed."))
        return redirect("portal:home")
    return render(request, "accounts/password_change.html", {"form": form})
