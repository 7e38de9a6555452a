from django import forms

from gongkai.accounts.roles import Role
from gongkai.orgs.models import Organisation


class StaffCreateForm(forms.Form):
    username = forms.SlugField(label="用户名", max_length=150)
    full_name = forms.CharField(label="姓名", max_length=50)
    title = forms.CharField(label="职务", max_length=50, required=False)
    # The account's roles are the security administrator's to give (三员分立), on the staff page.
    organisation = forms.ModelChoiceField(label="单位", queryset=Organisation.objects.none())
    password = forms.CharField(label="初始密码", widget=forms.PasswordInput, strip=False)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class GrantRoleForm(forms.Form):
    organisation = forms.ModelChoiceField(label="单位", queryset=Organisation.objects.none())
    role = forms.ChoiceField(label="角色", choices=Role.choices)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(
        label="当前密码", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    new_password1 = forms.CharField(
        label="新密码", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    new_password2 = forms.CharField(
        label="再次输入新密码",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("new_password1")
            and data.get("new_password2")
            and data["new_password1"] != data["new_password2"]
        ):
            self.add_error("new_password2", "两次输入的新密码不一致。")
        return data


class PasswordResetForm(forms.Form):
    new_password1 = forms.CharField(
        label="新的初始密码", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    new_password2 = forms.CharField(
        label="再次输入", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("new_password1")
            and data.get("new_password2")
            and data["new_password1"] != data["new_password2"]
        ):
            self.add_error("new_password2", "两次输入的密码不一致。")
        return data
