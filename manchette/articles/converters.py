"""Path converters for dated article addresses (/2026/11/05/), always zero-padded."""


class _Digits:
    width = 2

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{value:0{self.width}d}"


class FourDigits(_Digits):
    regex = "[0-9]{4}"
    width = 4


class TwoDigits(_Digits):
    regex = "[0-9]{2}"
