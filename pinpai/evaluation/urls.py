"""Evaluation pages, under /evaluation/ (namespace `evaluation`)."""

from django.urls import path
from django.views.generic import RedirectView

from pinpai.evaluation.views import calculator, methodology, self_assessment

app_name = "evaluation"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="evaluation:calculator"), name="home"),
    path("calculator/", calculator.calculator, name="calculator"),
    path("methods/", methodology.method_list, name="methods"),
    path("methods/<slug:code>/", methodology.method_detail, name="method_detail"),
    path("systems/<slug:code>/", methodology.system_detail, name="system_detail"),
    path("self-assessment/", self_assessment.self_assessment, name="self_assessment"),
    path("self-assessments/<int:pk>/", self_assessment.self_assessment_detail, name="self_assessment_detail"),
]
