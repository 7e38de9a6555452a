from django import forms
from django.contrib.auth.forms import AuthenticationForm

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


class StaffAuthenticationForm(AuthenticationForm):
    """The workbench's login form: username, password, and the TOTP code of an enrolled account
    (checked by accounts/backends.py with the password)."""

    otp_token = forms.CharField(
        label="动态验证码",
        required=False,
        max_length=8,
        help_text="已绑定动态验证码的账号，请输入验证器应用显示的 6 位数字；未绑定的不填。",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "用户名、密码或动态验证码不正确。请注意密码区分大小写。",
    }


class TokenForm(forms.Form):
    token = forms.CharField(
        label="动态验证码",
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
