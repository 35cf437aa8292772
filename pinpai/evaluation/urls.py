"""Evaluation pages, under /evaluation/ (namespace `evaluation`)."""

from django.urls import path
from django.views.generic import RedirectView

from pinpai.evaluation.views import appraisals, calculator, cycles, methodology, self_assessment, surveys

app_name = "evaluation"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="evaluation:calculator"), name="home"),
    path("calculator/", calculator.calculator, name="calculator"),
    path("methods/", methodology.method_list, name="methods"),
    path("methods/<slug:code>/", methodology.method_detail, name="method_detail"),
    path("systems/<slug:code>/", methodology.system_detail, name="system_detail"),
    path("self-assessment/", self_assessment.self_assessment, name="self_assessment"),
    path("self-assessments/<int:pk>/", self_assessment.self_assessment_detail, name="self_assessment_detail"),
    path("appraisals/", appraisals.appraisal_list, name="appraisals"),
    path("appraisals/lookup/", appraisals.appraisal_lookup, name="appraisal_lookup"),
    path("appraisals/flagged/", appraisals.award_claim_flagged, name="appraisal_flagged"),
    path("appraisals/<int:pk>/", appraisals.appraisal_detail, name="appraisal_detail"),
    path("award-claims/new/", appraisals.award_claim_new, name="award_claim_new"),
    path("award-claims/<int:pk>/review/", appraisals.award_claim_review, name="award_claim_review"),
    *cycles.urlpatterns,
    *surveys.urlpatterns,
]
