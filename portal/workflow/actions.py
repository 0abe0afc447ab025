def publish_approved(workflow_state, user=None):
    """WAGTAIL_FINISH_WORKFLOW_ACTION: the last approval publishes the page. The workflow finishes only when every
    step has approved the latest revision (WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT), so that is what is published.

    The workflow already checked that `user` may approve its last step, so they need no publish permission of their
    own: reviewers publish only through review, where nobody approves their own submission.
    """
    workflow_state.content_object.get_latest_revision().publish(user=user, skip_permission_checks=True)
