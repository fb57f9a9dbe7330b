"""Form plumbing shared by every app: text in NFC and stripped, dates typed dd/mm/yyyy."""

import datetime

from django import forms

from hdnd.text import clean, clean_multiline

# The years any date or year the product reads may fall in: the first People's Councils (1945) to the
# end of any plan a council writes today.
YEAR_MIN, YEAR_MAX = 1945, 2100


class DateInput(forms.DateInput):
    """A date typed and shown dd/mm/yyyy whatever the browser's language (a date picker would follow the
    browser's locale and show mm/dd/yyyy on an English system). yyyy-mm-dd is accepted too."""

    input_type = "text"

    def __init__(self, **kwargs: object) -> None:
        attrs = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off", **kwargs.pop("attrs", {})}
        super().__init__(format="%d/%m/%Y", attrs=attrs, **kwargs)


def parse_date(value: str) -> datetime.date | None:
    """A date typed dd/mm/yyyy (or yyyy-mm-dd); None when empty; ValueError when it is not a date."""
    value = clean(value)
    if not value:
        return None
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError(value)


class CleanTextMixin:
    """Normalise every text field to NFC and strip it before validation; refuse dates outside the years."""

    def _clean_fields(self) -> None:
        super()._clean_fields()
        for name, value in list(self.cleaned_data.items()):
            if isinstance(value, datetime.date) and not YEAR_MIN <= value.year <= YEAR_MAX:
                # Dates of year 1 or 9999 parse, then overflow the deadline arithmetic.
                self.add_error(name, f"Năm phải trong khoảng {YEAR_MIN}–{YEAR_MAX}.")
                continue
            if isinstance(value, str):
                widget = self.fields[name].widget
                self.cleaned_data[name] = clean_multiline(value) if isinstance(widget, forms.Textarea) else clean(value)


class Form(CleanTextMixin, forms.Form):
    pass


class ModelForm(CleanTextMixin, forms.ModelForm):
    pass
