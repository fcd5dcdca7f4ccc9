from django.shortcuts import get_object_or_404, render
from django.urls import path

from .models import Story


def story(request, pk: int):
    # Exactly one query, then one template.
    return render(request, "floor/story.html", {"story": get_object_or_404(Story, pk=pk)})


urlpatterns = [path("story/<int:pk>/", story)]
