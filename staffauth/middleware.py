from asgiref.sync import sync_to_async
from django.utils.functional import SimpleLazyObject

from staffauth.policy import signed_in


class SecondFactorMiddleware:
    """Installed after django-otp's OTPMiddleware, which tells whether the session's user
    gave a second factor (staffauth.policy.signed_in)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        request.user = SimpleLazyObject(lambda: signed_in(user))

        async def auser():
            return await sync_to_async(signed_in)(user)

        request.auser = auser
        return self.get_response(request)
