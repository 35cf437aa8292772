from django.db import models
from django.utils.translation import gettext_lazy as _


class DistrictKind(models.TextChoices):
    DISTRICT = "区", _("district (区)")
    COUNTY = "县", _("county (县)")
    AUTONOMOUS_COUNTY = "自治县", _("autonomous county (自治县)")
