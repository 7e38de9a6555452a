from django.shortcuts import render


def apply(request):
    return render(request, "applications/public/form.html")
