"""Form plumbing shared by every app: text in NFC and stripped, dates typed dd/mm/yyyy."""

from django import forms

from hdnd.text import clean, clean_multiline


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: object) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class CleanTextMixin:
    """Normalise every text field to NFC and strip it before validation."""

    def _clean_fields(self) -> None:
        super()._clean_fields()
        for name, value in list(self.cleaned_data.items()):
            if isinstance(value, str):
                widget = self.fields[name].widget
                self.cleaned_data[name] = clean_multiline(value) if isinstance(widget, forms.Textarea) else clean(value)


class Form(CleanTextMixin, forms.Form):
    pass


class ModelForm(CleanTextMixin, forms.ModelForm):
    pass
