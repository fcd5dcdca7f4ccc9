"""The desk's screens for user accounts and roles (groups).

The role is chosen when an account is made, and desk access follows from it
(User.update_desk_access): there is no "Statut équipe" box to forget. An account
manager who is not a superuser gives only what they hold themselves: no superuser flag,
no loose permissions, only roles within their own rights, and they cannot edit, delete
or set the password of an account that holds more than they do (a superuser above all)."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.contrib.auth.models import Group, Permission
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import User


def held_permissions(user) -> QuerySet[Permission]:
    """The permissions a user may hand on: all for a superuser, else their own."""
    permissions = Permission.objects.select_related("content_type")
    if user.is_superuser:
        return permissions
    q = Q(pk__in=[])
    for name in user.get_all_permissions():
        app_label, codename = name.split(".", 1)
        q |= Q(content_type__app_label=app_label, codename=codename)
    return permissions.filter(q)


def grantable_groups(user) -> QuerySet[Group]:
    """The roles a user may give: those whose every permission they hold."""
    if user.is_superuser:
        return Group.objects.all()
    beyond = Count("permissions", filter=~Q(permissions__in=held_permissions(user)))
    return Group.objects.annotate(beyond=beyond).filter(beyond=0)


def outranks(account: User, user) -> bool:
    """Whether `account` holds powers `user` does not, so `user` may not touch it."""
    if user.is_superuser:
        return False
    return account.is_superuser or bool(account.get_all_permissions() - user.get_all_permissions())


class NewMemberForm(AdminUserCreationForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "groups" in self.fields:  # every new account gets its role at once
            self.fields["groups"].required = True


ROLE_HELP = _(
    "Le rôle donne les droits du compte et l’accès à la rédaction : sans rôle, "
    "le compte ne peut pas s’y connecter."
)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    add_form = NewMemberForm
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "first_name",
                    "last_name",
                    "email",
                    "groups",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    list_display = ("username", "email", "first_name", "last_name", "is_staff")

    def get_fieldsets(self, request: HttpRequest, obj: User | None = None):
        if obj is None:
            return self.add_fieldsets
        rights = ["is_active", "groups"]
        if request.user.is_superuser:
            rights += ["is_superuser", "user_permissions"]
        return (
            (None, {"fields": ("username", "password")}),
            (_("Informations personnelles"), {"fields": ("first_name", "last_name", "email")}),
            (_("Rôle et droits"), {"fields": rights, "description": ROLE_HELP}),
            (_("Dates importantes"), {"fields": ("last_login", "date_joined")}),
        )

    def formfield_for_manytomany(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "groups":
            kwargs["queryset"] = grantable_groups(request.user)
            kwargs["help_text"] = ROLE_HELP
        elif db_field.name == "user_permissions":
            kwargs["queryset"] = held_permissions(request.user)
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "groups":
            field.label = _("Rôle")
        return field

    def has_change_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        if obj is not None and outranks(obj, request.user):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        if obj is not None and outranks(obj, request.user):
            return False
        return super().has_delete_permission(request, obj)

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        form.instance.update_desk_access()  # the superuser box may have changed


admin.site.unregister(Group)  # Django's own screen, replaced by this one


@admin.register(Group)
class RoleAdmin(DjangoGroupAdmin):
    """Roles: a manager adds to a role only the permissions they hold, and cannot edit
    a role that gives more than they have (they could then take it themselves)."""

    def formfield_for_manytomany(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "permissions":
            kwargs["queryset"] = held_permissions(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_change_permission(self, request: HttpRequest, obj: Group | None = None) -> bool:
        if obj is not None and not grantable_groups(request.user).filter(pk=obj.pk).exists():
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Group | None = None) -> bool:
        if obj is not None and not grantable_groups(request.user).filter(pk=obj.pk).exists():
            return False
        return super().has_delete_permission(request, obj)
