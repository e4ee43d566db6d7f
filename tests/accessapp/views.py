from django.http import Http404, HttpResponse

from puebla.core.access import get_visible_or_404
from puebla.core.gates import secretariat_view, signed_in_view
from tests.accessapp.models import Answer, Folder, PaperFile


def undeclared(request):
    """Declares nothing on purpose: the access middleware must refuse it."""
    return HttpResponse("undeclared page reached")


@signed_in_view
def signed_in_page(request):
    return HttpResponse("signed-in page reached")


@secretariat_view
def secretariat_page(request):
    return HttpResponse("secretariat page reached")


@signed_in_view
def folder_detail(request, pk):
    folder = get_visible_or_404(Folder.objects, request, pk=pk)
    return HttpResponse(folder.title)


@signed_in_view
def folder_edit(request, pk):
    """GET shows the title; POST renames the folder. Both only for those who may edit it."""
    folder = Folder.objects.editable_by(request.user).filter(pk=pk).first()
    if folder is None:
        raise Http404
    if request.method == "POST" and request.POST.get("title"):
        folder.title = request.POST["title"]
        folder.save(update_fields=["title"])
    return HttpResponse(folder.title)


@signed_in_view
def paper_file_detail(request, pk):
    paper_file = get_visible_or_404(PaperFile.objects, request, pk=pk)
    return HttpResponse(paper_file.name)


@signed_in_view
def answer_detail(request, pk):
    answer = get_visible_or_404(Answer.objects, request, pk=pk)
    return HttpResponse(answer.title)
