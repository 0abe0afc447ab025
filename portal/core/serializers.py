"""Nested API representations of core reference data, so API clients get names, not bare ids."""

from rest_framework import serializers

from .models import Campaign, OrgUnit


class OrgUnitSerializer(serializers.ModelSerializer):
    level_display = serializers.CharField(source="get_level_display")

    class Meta:
        model = OrgUnit
        fields = ["id", "code", "name", "short_name", "level", "level_display"]


class CampaignSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display")

    class Meta:
        model = Campaign
        fields = ["id", "name", "kind", "kind_display", "month", "day"]
