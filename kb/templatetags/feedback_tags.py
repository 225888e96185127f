from django import template

from kb.feedback_forms import CommentForm

register = template.Library()


@register.simple_tag
def blank_comment_form() -> CommentForm:
    return CommentForm()
