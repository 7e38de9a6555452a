"""A URLconf without the portal, for the tests of remembered reversing."""

urlpatterns: list = []
