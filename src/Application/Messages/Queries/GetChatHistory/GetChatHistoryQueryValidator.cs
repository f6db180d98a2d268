using CleanChat.Application.Common.Validation;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace CleanChat.Application.Messages.Queries.GetChatHistory;

public sealed class GetChatHistoryQueryValidator : AbstractValidator<GetChatHistoryQuery>
{
    public const int MaxPage = 10_000;

    public GetChatHistoryQueryValidator(IOptions<EntityReferenceOptions> entityReferences)
    {
        RuleFor(q => q.EntityType).OfKnownEntityType(entityReferences.Value);
        RuleFor(q => q.EntityType).NotNull().When(q => q.EntityId is not null).WithMessage("entity_id filters only together with entity_type.");
        RuleFor(q => q.Page).InclusiveBetween(1, MaxPage);
        RuleFor(q => q.Search).MaximumLength(GetChatHistoryQuery.MaxSearchLength);
        RuleFor(q => q.PageSize).InclusiveBetween(1, GetChatHistoryQuery.MaxPageSize);
        RuleFor(q => q.BeforeId).GreaterThan(0).When(q => q.BeforeId is not null);
        RuleFor(q => q.AfterId).GreaterThan(0).When(q => q.AfterId is not null);
        RuleFor(q => q.AfterId).Null().When(q => q.BeforeId is not null).WithMessage("Use before_id or after_id, not both.");
        RuleFor(q => q.AfterSeq).GreaterThanOrEqualTo(0).When(q => q.AfterSeq is not null);
        RuleFor(q => q.AfterSeq).Null().When(q => q.BeforeId is not null || q.AfterId is not null).WithMessage("Use one cursor: before_id, after_id or after_seq.");
        RuleFor(q => q.Page).Equal(1).When(q => q.BeforeId is not null || q.AfterId is not null || q.AfterSeq is not null)
            .WithMessage("page cannot be combined with before_id, after_id or after_seq; cursors replace it.");
    }
}
