from django import forms

from gongkai.orgs.actions import CONTACT_FIELDS
from gongkai.orgs.models import Organisation


class ContactsForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = CONTACT_FIELDS
        widgets = {"duties": forms.Textarea(attrs={"rows": 5})}
