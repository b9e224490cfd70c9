from typing import Any

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from community.account import HOOK_NAME as ACCOUNT_SECTION_HOOK
from community.account import AccountSection
from community.notifications import WEEKLY_DIGEST_LINES_HOOK
from home.admin_policies import never_added_in_admin
from home.choosers import LocalizedSnippetChooserViewSet
from home.dashboard import with_open_count
from repository import dashboard, home_slots, matchmaking
from repository.adoption_reports import admin_views as adoption_report_admin
from repository.adoption_reports.permissions import may_review_any
from repository.adoption_reports.service import register_log_actions
from repository.choosers import model_project_chooser_viewset
from repository.models import Adoption, FaqEntry, Topic
from repository.questions import admin_views as question_admin
from repository.questions import moderation as question_moderation
from repository.questions import moderation_views as question_moderation_views
from repository.questions.permissions import is_editor
from repository.questions.service import register_log_actions as register_question_log_actions
from repository.reporting import admin as reporting_admin
from repository.reporting import board as reporting_board
from repository.reporting import evaluation_admin as reporting_evaluation
from repository.reporting import views as reporting_views


@hooks.register("register_admin_viewset")
def register_model_project_chooser() -> object:
    return model_project_chooser_viewset


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name", "description"]
    ordering = ["sort_order", "name"]
    chooser_viewset_class = LocalizedSnippetChooserViewSet


register_snippet(TopicViewSet)


class AdoptionViewSet(SnippetViewSet):
    """The reuse ledger: which municipality took over which solution."""

    model = Adoption
    icon = "success"
    menu_label = _("Reuse ledger")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["municipality", "solution", "status", "adopted_on", "federal_state",
                    "size_class"]
    list_filter = ["status", "municipality__federal_state", "municipality__size_class",
                   "solution__topics"]
    list_export = ["municipality", "municipality.ags", "federal_state", "size_class",
                   "solution", "topic_names", "get_status_display", "adopted_on",
                   "local_adaptations"]
    export_headings = {"get_status_display": _("status"), "municipality.ags": "AGS"}
    export_filename = "nachnutzungsregister"
    search_fields = ["municipality__name", "solution__title"]

    def get_queryset(self, request):
        return Adoption.objects.select_related(
            "municipality", "solution", "solution__model_project"
        ).prefetch_related("solution__topics")


register_snippet(AdoptionViewSet)


# -- the home page (repository.home_slots) -------------------------------------------------

hooks.register("register_home_way_in", home_slots.find_a_solution)


@hooks.register("register_featured_slot")
def newest_solutions_slot():
    return "newest_solutions", _("Newest solutions"), home_slots.newest_solutions


@hooks.register("register_featured_slot")
def latest_adoptions_slot():
    return "latest_adoptions", _("Latest adoptions"), home_slots.latest_adoptions


# -- reporting rounds (repository.reporting) ----------------------------------------------

@hooks.register("register_admin_menu_item")
def reporting_menu() -> SubmenuMenuItem:
    return SubmenuMenuItem(_("Reporting"),
                           Menu(register_hook_name=reporting_admin.REPORTING_MENU_HOOK),
                           icon_name="doc-full", name="reporting", order=215)


register_snippet(reporting_admin.ReportingRoundViewSet)
register_snippet(reporting_admin.IndicatorViewSet)
register_snippet(reporting_admin.TeamMemberViewSet)
hooks.register(reporting_admin.REPORTING_MENU_HOOK, reporting_board.board_menu_item)
hooks.register("register_admin_urls", reporting_board.admin_urls)
hooks.register(reporting_admin.REPORTING_MENU_HOOK, reporting_evaluation.evaluation_menu_item)
hooks.register("register_admin_urls", reporting_evaluation.admin_urls)


@hooks.register(ACCOUNT_SECTION_HOOK)
def reports_section() -> AccountSection:
    return AccountSection("reports", _("Your project's reports"),
                          "repository/reporting/account.html", order=5,
                          context=reporting_views.account_context)


@hooks.register(ACCOUNT_SECTION_HOOK)
def experts_section() -> AccountSection:
    # A way in and no query: the directory itself is one click away.
    return AccountSection("experts", _("Expert directory"), "repository/experts/account.html",
                          order=30, context=lambda request: {})


@hooks.register(WEEKLY_DIGEST_LINES_HOOK)
def matchmaking_lines() -> Any:
    return matchmaking.lines_for_recipients


# -- adoptions municipalities report (repository.adoption_reports) and freshness ----------

class ReviewersMenuItem(MenuItem):
    """Shown to editors and to model-project teams (who see their own projects' reports)."""

    def is_shown(self, request: Any) -> bool:
        return may_review_any(request.user)


AdoptionReportsMenuItem = with_open_count(ReviewersMenuItem,
                                          adoption_report_admin.pending_report_count)


@hooks.register("register_admin_menu_item")
def adoption_reports_menu_item() -> MenuItem:
    return AdoptionReportsMenuItem(_("Reported adoptions"),
                                   reverse("repository_adoption_reports:list"),
                                   name="adoption-reports", icon_name="success", order=211)


@hooks.register("register_admin_urls")
def adoption_report_urls() -> list:
    reports = [path("", adoption_report_admin.reports_list, name="list"),
               path("<int:adoption_id>/decide/", adoption_report_admin.decide_report,
                    name="decide")]
    return [path("adoption-reports/", include((reports, "repository_adoption_reports")))]


hooks.register("register_log_actions", register_log_actions)
hooks.register("construct_homepage_panels", dashboard.add_panels)


# -- questions to the implementers (repository.questions) ---------------------------------

class EditorsMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return is_editor(request.user)


@hooks.register("register_admin_menu_item")
def questions_menu_item() -> MenuItem:
    return EditorsMenuItem(_("Questions to the implementers"),
                           reverse("repository_questions:list"), name="questions",
                           icon_name="help", order=212)


@hooks.register("register_admin_urls")
def question_urls() -> list:
    questions = [path("", question_admin.questions_list, name="list"),
                 path("<int:question_id>/promote/", question_admin.promote_question,
                      name="promote"),
                 path("<int:question_id>/hide/", question_admin.hide, name="hide")]
    return [path("questions/", include((questions, "repository_questions")))]


hooks.register("register_log_actions", register_question_log_actions)


class FaqEntryViewSet(SnippetViewSet):
    """The solutions' FAQ, which the office made by promoting questions: editors correct
    the texts and translate them (wagtail-localize), or delete an entry. An entry is
    never added here: it needs its question, so it comes from promoting one."""

    model = FaqEntry
    icon = "help"
    menu_label = _("FAQ entries")
    menu_order = 213
    add_to_admin_menu = True
    permission_policy = never_added_in_admin(FaqEntry)
    list_display = ["question_text", "solution", "created_at"]
    search_fields = ["question_text", "answer_text", "solution__title"]
    ordering = ["-created_at", "-pk"]

    def get_queryset(self, request: Any) -> Any:
        return FaqEntry.objects.select_related("solution", "locale")


register_snippet(FaqEntryViewSet)


class QuestionModeratorsMenuItem(MenuItem):
    """Without an open count: a count would cost every admin page one more query; the
    moderators find this queue beside the reported posts'."""

    def is_shown(self, request: Any) -> bool:
        return question_moderation.may_moderate_reports(request.user)


@hooks.register("register_admin_menu_item")
def question_reports_menu_item() -> MenuItem:
    return QuestionModeratorsMenuItem(_("Reported questions"),
                                      reverse("repository_question_reports:queue"),
                                      name="reported-questions", icon_name="warning",
                                      order=271)


@hooks.register("register_admin_urls")
def question_report_urls() -> list:
    queue = [path("", question_moderation_views.queue, name="queue"),
             path("<str:kind>/<int:pk>/", question_moderation_views.act, name="act")]
    return [path("question-reports/", include((queue, "repository_question_reports")))]


hooks.register("register_log_actions", question_moderation.register_log_actions)
