from django.shortcuts import render


def mailbox(request):
    return render(request, "hotline/public/form.html")
