"""A password rule for production: refuse the demo password and the passwords Vietnamese offices guess first."""

from django.core.exceptions import ValidationError

from hdnd.text import fold

# The demo's password (README, registry/demo.py) and common local choices that Django's list of
# 20,000 English-speaking passwords misses; compared folded (no diacritics, lower case).
REFUSED = {
    "hdnd@2026",
    "hdnd2026",
    "hdnd@123",
    "hdnd123",
    "hdnd@2025",
    "hoidongnhandan",
    "hoidongnhandan@123",
    "matkhau",
    "matkhau123",
    "matkhau@123",
    "123456a@",
    "123456aa",
    "a123456@",
    "abc@123",
    "admin@123",
    "admin123",
    "vanphong",
    "vanphong@123",
    "vietnam@123",
    "vietnam123",
    "123@123a",
    "p@ssw0rd",
    "qwerty@123",
}


class DemoPasswordValidator:
    """Refuses the demo password and common Vietnamese office passwords (on in production only)."""

    def validate(self, password: str, user: object | None = None) -> None:
        if fold(password).strip() in REFUSED:
            raise ValidationError(
                "Mật khẩu này là mật khẩu mẫu hoặc quá phổ biến, không được dùng. Hãy chọn mật khẩu khác.",
                code="password_demo_or_common",
            )

    def get_help_text(self) -> str:
        return "Không dùng mật khẩu của bản trình diễn hay mật khẩu phổ biến."
