package dev.hoshi.compliance.api.control;

/** How far a catalog control is implemented. */
public enum ControlStatus {
    NOT_STARTED,
    PLANNED,
    IN_PROGRESS,
    IMPLEMENTED,
    /** Does not apply to this organisation; needs a justification. */
    NOT_APPLICABLE
}
