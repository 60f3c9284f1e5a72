"""The admin's sign-in in two steps: the password, then a code from an authenticator app
or a backup code (or, with no app set up yet, setting one up). Nobody is signed in before
the second step: django-axes counts a wrong code as a failed sign-in and clears the count
only once both steps are done, so typing the password again does not buy more guesses."""

import time
from base64 import b32encode

import segno
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django import forms
from django.contrib import admin, auth
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import LoginView
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import devices_for_user, user_has_device, verify_token
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from staffauth.policy import required

PENDING = "staffauth_pending"
# The app being set up in this session: its secret is shown to this session only.
SETUP = "staffauth_setup"
# How long the second step waits after the password: a sign-in left half done on a shared
# computer is not finished by the next person to sit there.
PENDING_SECONDS = 600
BACKUP_CODES = 10


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )

    def clean_code(self):
        # As people copy them: "123 456", a backup code in capitals.
        return "".join(self.cleaned_data["code"].split()).lower()


class SignInView(LoginView):
    """Django admin's own sign-in page; a right password for someone with two factors leads
    to the second step instead of signing them in."""

    authentication_form = AdminAuthenticationForm
    template_name = "admin/login.html"

    def dispatch(self, request, *args, **kwargs):
        if request.method == "GET" and admin.site.has_permission(request):
            return redirect("admin:index")
        return super().dispatch(request, *args, **kwargs)

    def get_default_redirect_url(self):
        return reverse("admin:index")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs,
            **admin.site.each_context(self.request),
            title="Log in",
            subtitle=None,
            app_path=self.request.get_full_path(),
            username=self.request.user.get_username(),
        )

    def form_valid(self, form):
        user = form.get_user()
        has_device = user_has_device(user)
        if not (has_device or required(user)):
            self.request.session.pop(PENDING, None)
            return super().form_valid(form)
        # A new session key: a session id planted before the password is worth nothing.
        self.request.session.cycle_key()
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            # As Django's own sessions: a password changed meanwhile ends the sign-in.
            "hash": user.get_session_auth_hash(),
            "next": self.get_success_url(),
            "since": time.time(),
        }
        return redirect("staffauth:two-factor" if has_device else "staffauth:two-factor-setup")


def pending_user(request):
    """Who gave the right password in this session and has a second step to take, if anyone."""
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["since"] > PENDING_SECONDS:
        return None
    user = auth.get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    if user is None or not constant_time_compare(
        pending.get("hash", ""), user.get_session_auth_hash()
    ):
        return None
    return user


def locked_out(request, user):
    """django-axes' answer when this name is locked out from this address, else None."""
    credentials = {"username": user.get_username()}
    if AxesProxyHandler.is_locked(request, credentials):
        request.session.pop(PENDING, None)
        return get_lockout_response(request, None, credentials)
    return None


def sign_in(request, user, device):
    """Both steps done: signed in, with the device that proved the second."""
    pending = request.session.pop(PENDING)
    auth.login(request, user, backend=pending["backend"])
    otp_login(request, device)
    return pending["next"]


def page(request, template, **context):
    return render(
        request,
        f"admin/two_factor/{template}",
        {**admin.site.each_context(request), **context},
    )


@never_cache
@sensitive_post_parameters("code")
def second_step(request):
    user = pending_user(request)
    if user is None:
        return redirect("admin:login")
    if not user_has_device(user):
        return redirect("staffauth:two-factor-setup")
    if refusal := locked_out(request, user):
        return refusal
    form = CodeForm(request.POST or None)
    if form.is_valid():
        for device in devices_for_user(user):
            if verify_token(user, device.persistent_id, form.cleaned_data["code"]):
                return redirect(sign_in(request, user, device))
        # As a wrong password: django-axes counts it and, at the limit, answers with its
        # lockout page instead of this one.
        user_login_failed.send(
            sender=__name__, credentials={"username": user.get_username()}, request=request
        )
        form.add_error(
            "code",
            "That code is not right. Wait for the app's next code and type that one, or "
            "type a backup code you have not used.",
        )
    return page(request, "verify.html", form=form, title="Second step")


@never_cache
@sensitive_post_parameters("code")
def setup(request):
    """An authenticator app for someone with none: the pending sign-in's user, or a staff
    member signed in with a password alone who chooses to add one."""
    pending = pending_user(request)
    user = pending or request.user
    if not user.is_staff:
        return redirect("admin:login")
    if user_has_device(user):
        return redirect("staffauth:two-factor" if pending else "admin:index")
    if refusal := locked_out(request, user):
        return refusal
    device = setup_device(request, user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            codes = confirm(device)
            del request.session[SETUP]
            if pending:
                next_url = sign_in(request, user, device)
            else:
                otp_login(request, device)
                next_url = reverse("admin:index")
            return page(
                request, "backup_codes.html", codes=codes, next=next_url, title="Backup codes"
            )
        form.add_error(
            "code",
            "That code is not right. Check that the phone sets its clock itself, then wait "
            "for the app's next code and type that one.",
        )
    secret = b32encode(device.bin_key).decode()
    return page(
        request,
        "setup.html",
        form=form,
        title="Set up two-step sign-in",
        secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        qr=qr_svg(device.config_url),
    )


def setup_device(request, user):
    """The app this session is setting up: the same secret on each reload, so the app's
    entry keeps working, and a fresh one for every other session. Another session's secret
    (seen by someone holding only the password, say) is never the one confirmed here: it
    is deleted when this one is made."""
    device = TOTPDevice.objects.filter(
        pk=request.session.get(SETUP), user=user, confirmed=False
    ).first()
    if device is None:
        with transaction.atomic():
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
        request.session[SETUP] = device.pk
    return device


@transaction.atomic
def confirm(device):
    """Confirms the app, drops every other unconfirmed one, and gives its user a new set of
    backup codes (returned)."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    StaticDevice.objects.filter(user=device.user).delete()
    backup = StaticDevice.objects.create(user=device.user, name="Backup codes")
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=backup, token=code) for code in codes)
    return codes


def qr_svg(text):
    """The app's setup address as a QR code in inline SVG, drawn here: the secret never goes
    to a third-party QR service. Dark on light even in the admin's dark theme, for cameras;
    segno writes no style attribute for the CSP to refuse."""
    code = segno.make_qr(text, error="m")
    return mark_safe(
        code.svg_inline(
            scale=4, svgclass="qr", lineclass=None, dark="#000", light="#fff", title="QR code"
        )
    )
