"""Parsing the office's settings form; the action decides and validates."""

from django import forms

from gongkai.supervision.models import THRESHOLD_FIELDS, WEIGHT_FIELDS, SupervisionSettings


class SettingsForm(forms.ModelForm):
    class Meta:
        model = SupervisionSettings
        fields = THRESHOLD_FIELDS + WEIGHT_FIELDS
