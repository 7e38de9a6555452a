from django.apps import AppConfig


class PersonalConfig(AppConfig):
    name = "gongkai.personal"
    verbose_name = "个人信息保护"
