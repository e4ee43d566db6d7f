app_name = "fund"

urlpatterns = []
