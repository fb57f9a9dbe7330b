"""Template tags of the registry, for every app's screens."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from hdnd import dates

register = template.Library()


class NewRecordsNode(template.Node):
    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: template.Context) -> SafeString:
        council = context.get("current_council")
        if council is None or council.open_on(dates.today()):
            return self.nodelist.render(context)
        return render_to_string("registry/_closed_note.html", {"council": council})


@register.tag("new_records")
def new_records(parser: template.base.Parser, token: template.base.Token) -> NewRecordsNode:
    """`{% new_records %}…{% end_new_records %}` around a page's buttons and links that create records: shown
    while the current council takes records today (`Council.open_on`); a council past its last day gets,
    in their place, one sentence saying it ceased and on which day (no button answers with a refusal)."""
    nodelist = parser.parse(("end_new_records",))
    parser.delete_first_token()
    return NewRecordsNode(nodelist)
