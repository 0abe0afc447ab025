from django.shortcuts import render


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without a request context: the database or settings may be what failed.
    return render(None, "500.html", status=500)
