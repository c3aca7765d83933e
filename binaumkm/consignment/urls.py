app_name = "consignment"
urlpatterns = []
