"""Masking of personal data for lists, exports and the audit log (UU PDP 27/2022)."""

DOT = "\u2022"


def mask_nik(value: str | None) -> str:
    """3372xxxxxxxx0001 -> 3372••••••••0001: area and serial stay, the birth date is hidden."""
    if not value:
        return ""
    if len(value) <= 8:
        return DOT * len(value)
    return value[:4] + DOT * (len(value) - 8) + value[-4:]


def mask_phone(value: str | None) -> str:
    """+6281234567890 -> +62812••••7890."""
    if not value:
        return ""
    if len(value) <= 10:
        return value[:3] + DOT * max(len(value) - 5, 1) + value[-2:]
    return value[:6] + DOT * (len(value) - 10) + value[-4:]


def mask_email(value: str | None) -> str:
    if not value or "@" not in value:
        return value or ""
    local, domain = value.split("@", 1)
    return (local[:1] + DOT * max(len(local) - 1, 1)) + "@" + domain


def mask_amount(value) -> str:
    return "" if value in (None, "") else DOT * 6
