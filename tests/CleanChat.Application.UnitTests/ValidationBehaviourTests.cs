using CleanChat.Application.Common.Behaviours;
using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Messages.Queries.GetChatHistory;
using FluentValidation;
using MediatR;

namespace CleanChat.Application.UnitTests;

public class ValidationBehaviourTests
{
    [Fact]
    public async Task All_validators_run_and_their_errors_arrive_together_under_wire_names()
    {
        var behaviour = new ValidationBehaviour<GetChatHistoryQuery, Unit>(new IValidator<GetChatHistoryQuery>[]
        {
            new GetChatHistoryQueryValidator(Microsoft.Extensions.Options.Options.Create(new CleanChat.Application.Common.Validation.EntityReferenceOptions())),
            new InlineValidator<GetChatHistoryQuery> { v => v.RuleFor(q => q.ChatId).LessThan(0).WithMessage("extra rule") },
        });
        var handlerRan = false;

        var failure = await Should.ThrowAsync<RequestValidationException>(() => behaviour.Handle(
            new GetChatHistoryQuery(5, Page: 0, PageSize: 500), CancellationToken.None, () =>
            {
                handlerRan = true;
                return Task.FromResult(Unit.Value);
            }));

        handlerRan.ShouldBeFalse();
        failure.Errors.Keys.OrderBy(k => k).ShouldBe(new[] { "chat_id", "page", "page_size" });
        failure.Errors["chat_id"].ShouldBe(new[] { "extra rule" });
    }

    [Fact]
    public async Task Valid_request_reaches_the_handler()
    {
        var behaviour = new ValidationBehaviour<GetChatHistoryQuery, Unit>(new IValidator<GetChatHistoryQuery>[] { new GetChatHistoryQueryValidator(Microsoft.Extensions.Options.Options.Create(new CleanChat.Application.Common.Validation.EntityReferenceOptions())) });
        var handlerRan = false;

        await behaviour.Handle(new GetChatHistoryQuery(5), CancellationToken.None, () =>
        {
            handlerRan = true;
            return Task.FromResult(Unit.Value);
        });

        handlerRan.ShouldBeTrue();
    }
}
