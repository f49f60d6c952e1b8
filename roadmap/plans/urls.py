"""Plans: recommendations, previews, saved roadmaps and their steps, sharing and the PDF (roadmap.urls names them)."""

from django.urls import path

from roadmap.plans import pdf_views, share_views, views

urlpatterns = [
    path("recommendations/", views.recommendations, name="recommendations"),
    path("plan/<str:code>/", views.plan_preview, name="preview"),
    path("roadmaps/", views.roadmap_list, name="list"),
    path("roadmaps/<int:pk>/", views.roadmap_detail, name="detail"),
    path("roadmaps/<int:pk>/activate/", views.roadmap_activate, name="activate"),
    path("roadmaps/<int:pk>/replan/", views.roadmap_replan, name="replan"),
    path("roadmaps/<int:pk>/delete/", views.roadmap_delete, name="delete"),
    path("roadmaps/<int:pk>/roadmap.pdf", pdf_views.roadmap_pdf, name="pdf"),
    path("roadmaps/<int:pk>/steps/<int:step_pk>/status/", views.step_status, name="step_status"),
    path("roadmaps/<int:pk>/steps/<int:step_pk>/done-on/", views.step_completed_on, name="step_completed_on"),
    path("roadmaps/<int:pk>/steps/<int:step_pk>/note/", views.step_note, name="step_note"),
    path("roadmaps/<int:pk>/share/", share_views.share, name="share"),
    path("roadmaps/<int:pk>/share/revoke/", share_views.share_revoke, name="share_revoke"),
    path("roadmaps/<int:pk>/share/renew/", share_views.share_renew, name="share_renew"),
    # Anyone with the address: the token is the credential.
    path("shared/<str:token>/", share_views.shared_roadmap, name="shared"),
]
