from django import template

from transfer.admin import may_export, may_import

register = template.Library()


@register.inclusion_tag("admin/transfer/_links.html", takes_context=True)
def moving_in_and_out(context):
    """The admin index's links to the Import page and the download, for who may use them."""
    user = context["request"].user
    return {"may_import": may_import(user), "may_export": may_export(user)}
