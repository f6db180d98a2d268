using FluentValidation;

namespace CleanChat.Application.Messages.Queries.GetChatHistory;

public sealed class GetChatHistoryQueryValidator : AbstractValidator<GetChatHistoryQuery>
{
    public const int MaxPage = 10_000;

    public GetChatHistoryQueryValidator()
    {
        RuleFor(q => q.Page).InclusiveBetween(1, MaxPage);
        RuleFor(q => q.PageSize).InclusiveBetween(1, GetChatHistoryQuery.MaxPageSize);
        RuleFor(q => q.BeforeId).GreaterThan(0).When(q => q.BeforeId is not null);
        RuleFor(q => q.AfterId).GreaterThan(0).When(q => q.AfterId is not null);
        RuleFor(q => q.AfterId).Null().When(q => q.BeforeId is not null).WithMessage("Use before_id or after_id, not both.");
        RuleFor(q => q.Page).Equal(1).When(q => q.BeforeId is not null || q.AfterId is not null)
            .WithMessage("page cannot be combined with before_id or after_id; cursors replace it.");
    }
}
