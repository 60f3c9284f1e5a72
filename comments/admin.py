from django.contrib import admin

from comments import text
from comments.models import BlockedTerm, Comment


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["author_name", "post", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["author_name", "author_email", "body"]
    list_select_related = ["post"]
    readonly_fields = ["post", "parent", "ip_address", "user_agent", "created_at", "user"]

    def save_model(self, request, obj, form, change):
        obj.body_html = text.render(obj.body)
        super().save_model(request, obj, form, change)


@admin.register(BlockedTerm)
class BlockedTermAdmin(admin.ModelAdmin):
    list_display = ["value", "kind", "created_at"]
    list_filter = ["kind"]
    search_fields = ["value"]
