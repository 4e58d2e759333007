/** Where the built-in example spec is said to live, in messages and on the site. */
export const BUILTIN_EXAMPLE_SPEC_FILE = 'example/spec.md';

/**
 * A small spec in Spec Kit's structure, for example plans when the project has no
 * `specs/**\/spec.md` of its own: two prioritised stories with acceptance scenarios, an edge
 * case, requirements, an entity, success criteria and one open question.
 */
export const BUILTIN_EXAMPLE_SPEC = `# Feature Specification: Password Reset by Email

**Feature Branch**: \`001-password-reset\`
**Created**: 2026-01-15
**Status**: Draft
**Input**: User description: "Users who forget their password should be able to reset it with a link sent by email."

## User Scenarios & Testing *(mandatory)*

### User Story 1 - Request a reset link (Priority: P1)

A user who forgot their password enters their email address and receives a link to choose a new
password.

**Why this priority**: Locked-out users cannot use the product at all; support handles these
requests by hand today.

**Independent Test**: Request a link for a known address and find the email in the test mailbox.

**Acceptance Scenarios**:

1. **Given** a registered user, **When** they request a reset for their email, **Then** an email with a single-use link is sent within one minute.
2. **Given** an unknown email address, **When** a reset is requested, **Then** the page shows the same confirmation, so addresses cannot be probed.

---

### User Story 2 - Choose a new password (Priority: P2)

The user follows the link, chooses a new password, and is signed in.

**Why this priority**: Completes the reset; without it the link is useless.

**Independent Test**: Follow a fresh link, set a password, and sign in with it.

**Acceptance Scenarios**:

1. **Given** a link less than one hour old, **When** the user sets a valid password, **Then** the password changes and every other session is signed out.
2. **Given** a link that was already used, **When** the user opens it, **Then** they are told it expired and can request a new one.

### Edge Cases

- What happens when a user requests several links in a row? Only the newest one works.

## Requirements *(mandatory)*

### Functional Requirements

- **FR-001**: System MUST send a single-use reset link to a registered email address.
- **FR-002**: System MUST expire reset links after one hour.
- **FR-003**: System MUST sign out every other session after a password change.
- **FR-004**: System MUST rate-limit reset requests to [NEEDS CLARIFICATION: how many per hour?].

### Key Entities

- **ResetToken**: a single-use secret tied to a user, with its creation time and whether it was used.

## Success Criteria *(mandatory)*

### Measurable Outcomes

- **SC-001**: 95% of reset emails arrive within one minute.
- **SC-002**: Password-reset support tickets drop by 80% within a month.

## Assumptions

- Users have access to the mailbox of the address they registered with.
`;
