from django import template

from portal.workflow.notifications import last_approval, published_url

register = template.Library()

register.simple_tag(last_approval)
register.simple_tag(published_url)
