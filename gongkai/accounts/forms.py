from django import forms

from gongkai.accounts.roles import Role
from gongkai.orgs.models import Organisation


class StaffCreateForm(forms.Form):
    username = forms.SlugField(label="用户名", max_length=150)
    full_name = forms.CharField(label="姓名", max_length=50)
    title = forms.CharField(label="职务", max_length=50, required=False)
    organisation = forms.ModelChoiceField(label="单位", queryset=Organisation.objects.none())
    role = forms.ChoiceField(label="角色", choices=Role.choices)
    password = forms.CharField(label="初始密码", widget=forms.PasswordInput, min_length=10)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class GrantRoleForm(forms.Form):
    organisation = forms.ModelChoiceField(label="单位", queryset=Organisation.objects.none())
    role = forms.ChoiceField(label="角色", choices=Role.choices)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
