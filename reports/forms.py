from django import forms

from hdnd.forms import Form
from reports.models import Classification, Rating
from reports.texts import RATED, SECTIONS_BY_KEY, WRITTEN


class TextsForm(Form):
    """One textarea per written section; tokens like {{sessions}} print the figures."""

    recipients = forms.CharField(label="Nơi nhận (mỗi dòng một nơi)", widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for key in WRITTEN:
            self.fields[f"text_{key}"] = forms.CharField(
                label=SECTIONS_BY_KEY[key].heading, required=False, widget=forms.Textarea(attrs={"rows": 4})
            )

    def texts(self) -> dict[str, str]:
        return {key: self.cleaned_data[f"text_{key}"] for key in WRITTEN}


class RatingForm(Form):
    classification = forms.ChoiceField(
        label="Đề nghị xếp loại", choices=[("", "Theo điểm (nếu có)"), *Classification.choices], required=False
    )
    score_general = forms.IntegerField(
        label="Điểm tiêu chí chung (tối đa 30)", min_value=0, max_value=30, required=False
    )
    score_results = forms.IntegerField(
        label="Điểm kết quả thực hiện (tối đa 70)", min_value=0, max_value=70, required=False
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for key in RATED:
            self.fields[f"rating_{key}"] = forms.ChoiceField(
                label=f"Tự đánh giá — {SECTIONS_BY_KEY[key].heading}",
                choices=[("", "—"), *Rating.choices],
                required=False,
            )

    def ratings(self) -> dict[str, str]:
        return {key: self.cleaned_data[f"rating_{key}"] for key in RATED}
