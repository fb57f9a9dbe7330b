from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = "Danh mục Hội đồng"

    def ready(self) -> None:
        from django.db.models import fields

        from followup.kinds import kind_label
        from hdnd.history import register_value_label
        from hdnd.views import DASHBOARD_CARDS
        from registry import imports  # noqa: F401  (registers bodies, people and delegates as import targets)
        from registry.dashboard import cards
        from registry.rules import RULES_BY_KEY, UNIT_LABELS

        DASHBOARD_CARDS.append(cards)
        # Django 6.1's empty choice of a select ("- Select an option -") has no Vietnamese translation yet;
        # Django asks projects to set it here.
        fields.BLANK_CHOICE_LABEL = "— Chọn —"
        register_value_label("followup.Obligation", "kind", kind_label)

        def rule_label(key: object) -> str:
            return getattr(RULES_BY_KEY.get(key), "label", None) or str(key)

        register_value_label("registry.LegalSetting", "key", rule_label)
        # An obligation keeps the rule and the unit its deadline was computed with as codes; read as words.
        register_value_label("followup.Obligation", "due_rule", rule_label)
        register_value_label("followup.Obligation", "due_unit", lambda unit: UNIT_LABELS.get(unit, str(unit)))
