def district(request):
    return {"district": getattr(request, "district", None)}
