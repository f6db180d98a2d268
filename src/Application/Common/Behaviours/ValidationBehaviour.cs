using CleanChat.Application.Common.Exceptions;
using FluentValidation;
using MediatR;

namespace CleanChat.Application.Common.Behaviours;

/// <summary>Runs every validator of the request and reports all problems together.</summary>
internal sealed class ValidationBehaviour<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    private readonly IValidator<TRequest>[] _validators;

    public ValidationBehaviour(IEnumerable<IValidator<TRequest>> validators) => _validators = validators.ToArray();

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (_validators.Length > 0)
        {
            var context = new ValidationContext<TRequest>(request);
            var failures = new List<FluentValidation.Results.ValidationFailure>();
            foreach (var validator in _validators)
                failures.AddRange((await validator.ValidateAsync(context, cancellationToken)).Errors);

            if (failures.Count > 0)
            {
                var errors = failures
                    .GroupBy(f => RequestValidationException.ToWireName(f.PropertyName))
                    .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray());
                throw new RequestValidationException(errors);
            }
        }

        return await next();
    }
}
