from django import template

from newsroom.desk import desk_for

register = template.Library()


@register.inclusion_tag("admin/newsroom/desk.html", takes_context=True)
def desk(context):
    """The signed-in user's desk, on the admin's home page."""
    user = context["request"].user
    return {"desk": desk_for(user), "can_write": user.has_perm("newsroom.add_article")}
