from django import template

from comments.section import section_context

register = template.Library()


@register.inclusion_tag("comments/_section.html", takes_context=True)
def comment_section(context, post):
    """A post's comments and the form to add one (no form on a staff preview)."""
    return section_context(context["request"], post, with_form=not context.get("preview"))
