from django import forms

from gongkai.accounts.actions import CONTACT_FIELDS
from gongkai.orgs.models import Organisation


class ContactsForm(forms.ModelForm):
    website = forms.URLField(label="网站", required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = CONTACT_FIELDS
        widgets = {"duties": forms.Textarea(attrs={"rows": 5})}
