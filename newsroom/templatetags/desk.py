from django import template

from newsroom.desk import desk_for

register = template.Library()


@register.inclusion_tag("admin/newsroom/desk.html", takes_context=True)
def desk(context):
    """The signed-in user's desk, on the admin's home page."""
    return {"desk": desk_for(context["request"].user)}
