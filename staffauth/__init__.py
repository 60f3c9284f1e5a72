"""Two-factor sign-in for staff: an authenticator app (TOTP) and single-use backup codes,
through django-otp, asked after the password on the admin's sign-in page."""
