using CleanChat.Domain.Common;

namespace CleanChat.Application.Common.Exceptions;

/// <summary>
/// A domain rule refused one named part of a request (the third of five files): the refusal stays the
/// rule's own (its kind and code), and the answer names the part, as a validation error would.
/// </summary>
public sealed class FieldRefusedException : Exception
{
    public FieldRefusedException(string field, DomainRuleViolationException refusal)
        : base(refusal.Message, refusal)
    {
        Field = RequestValidationException.ToWireName(field);
        Rule = refusal;
    }

    /// <summary>The part's wire name, e.g. <c>attachments[2]</c>.</summary>
    public string Field { get; }

    public DomainRuleViolationException Rule { get; }
}
