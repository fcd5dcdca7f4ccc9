# ruff: noqa: E501 -- prose and HTML bodies are kept on long lines on purpose.
"""Contenu de démonstration du « Courrier du Matin », quotidien fictif.

Toutes les personnes, communes, entreprises et institutions nommées ici sont
imaginaires. Ce module ne contient que des données ; il est lu par la commande
de gestion ``load_demo``.
"""

from __future__ import annotations

CATEGORIES = [
    {
        "name": "Politique",
        "slug": "politique",
        "description": "La vie politique nationale et locale, du Parlement aux conseils municipaux.",
    },
    {
        "name": "International",
        "slug": "international",
        "description": "L’actualité du monde, de l’Europe et des grandes négociations internationales.",
    },
    {
        "name": "Économie",
        "slug": "economie",
        "description": "Entreprises, emploi, finances publiques et consommation, décryptés au quotidien.",
    },
    {
        "name": "Société",
        "slug": "societe",
        "description": "Logement, éducation, santé, justice : les transformations de la vie quotidienne.",
    },
    {
        "name": "Culture",
        "slug": "culture",
        "description": "Patrimoine, spectacle vivant, livres et festivals : la vie culturelle sous toutes ses formes.",
    },
    {
        "name": "Sciences",
        "slug": "sciences",
        "description": "Recherche, environnement et santé, expliqués avec rigueur et clarté.",
    },
    {
        "name": "Sport",
        "slug": "sport",
        "description": "Compétitions professionnelles et amateurs, résultats et enjeux du sport.",
    },
]

AUTHORS = [
    {
        "name": "Claire Vasseur",
        "slug": "claire-vasseur",
        "bio": (
            "Cheffe du service Politique, Claire Vasseur suit la vie parlementaire "
            "et les finances publiques. Elle a rejoint Le Courrier du Matin il y a "
            "douze ans, après des débuts en presse hebdomadaire régionale."
        ),
    },
    {
        "name": "Mathieu Kerbrat",
        "slug": "mathieu-kerbrat",
        "bio": (
            "Journaliste au service Économie depuis huit ans, Mathieu Kerbrat couvre "
            "l’énergie, l’agriculture et la vie des entreprises. Ancien rugbyman "
            "amateur, il signe aussi, le week-end, les comptes rendus des "
            "compétitions régionales."
        ),
    },
    {
        "name": "Inès Haddad",
        "slug": "ines-haddad",
        "bio": (
            "Inès Haddad travaille depuis six ans au service Société, où elle "
            "s’intéresse au logement, à l’éducation et aux politiques sociales. "
            "Elle coordonne la cellule enquêtes du journal et écrit régulièrement "
            "sur la vie culturelle régionale."
        ),
    },
    {
        "name": "Julien Morvan",
        "slug": "julien-morvan",
        "bio": (
            "Julien Morvan a couvert l’actualité européenne à Bruxelles pendant "
            "cinq ans avant de prendre la tête du service International. Entré au "
            "journal il y a dix ans, il supervise également le traitement des "
            "dépêches d’agences."
        ),
    },
    {
        "name": "Sophie Delorme",
        "slug": "sophie-delorme",
        "bio": (
            "Journaliste scientifique, Sophie Delorme suit la recherche, "
            "l’environnement et la santé. Diplômée en biologie, elle écrit pour Le "
            "Courrier du Matin depuis quinze ans."
        ),
    },
]

TAGS = [
    {"name": "Budget 2027", "slug": "budget-2027"},
    {"name": "Collectivités locales", "slug": "collectivites"},
    {"name": "Élections municipales", "slug": "elections-municipales"},
    {"name": "Logement", "slug": "logement"},
    {"name": "Énergie", "slug": "energie"},
    {"name": "Climat", "slug": "climat"},
    {"name": "Eau", "slug": "eau"},
    {"name": "Transports", "slug": "transports"},
    {"name": "Union européenne", "slug": "union-europeenne"},
    {"name": "Agriculture", "slug": "agriculture"},
    {"name": "Emploi", "slug": "emploi"},
    {"name": "Éducation", "slug": "education"},
    {"name": "Patrimoine", "slug": "patrimoine"},
    {"name": "Festivals", "slug": "festivals"},
    {"name": "Recherche", "slug": "recherche"},
    {"name": "Football", "slug": "football"},
    {"name": "Sport amateur", "slug": "sport-amateur"},
]

ARTICLES = [
    # 1. Article principal (à la une)
    {
        "title": "Budget 2027 : le gouvernement renonce à geler les dotations des communes",
        "slug": "budget-2027-le-gouvernement-renonce-a-geler-les-dotations-des-communes",
        "category": "politique",
        "type": "news",
        "standfirst": (
            "Sous la pression des maires et d’une partie de sa majorité, l’exécutif "
            "a abandonné le gel de la principale dotation de l’État aux communes, "
            "prévu dans le projet de loi de finances. Reste à savoir comment le "
            "manque à gagner sera compensé."
        ),
        "body": """<p>Le gouvernement a fini par céder. À l’issue d’une longue réunion avec les responsables des groupes parlementaires de sa majorité, l’exécutif a annoncé en fin de soirée qu’il renonçait à geler en 2027 la dotation globale de fonctionnement (DGF), principale aide de l’État aux communes. La mesure, inscrite dans le projet de loi de finances présenté fin septembre, devait permettre d’économiser environ <strong>1,1 milliard d’euros</strong> par rapport à une indexation sur l’inflation.</p>
<p>« Le dialogue avec les élus locaux a permis d’aboutir à une solution plus juste », fait valoir l’entourage de la ministre chargée des Comptes publics, sans préciser à ce stade comment sera compensé le manque à gagner. Selon nos informations, plusieurs pistes sont sur la table :</p>
<ul>
<li>un étalement sur deux ans de certains crédits d’investissement destinés aux collectivités ;</li>
<li>la suppression de trois dispositifs fiscaux jugés peu efficaces dans le secteur du logement ;</li>
<li>une mise en réserve plus importante des crédits des ministères en début d’année.</li>
</ul>
<h2>Une fronde partie des petites communes</h2>
<p>La contestation est venue des territoires ruraux. Début octobre, l’Union des maires ruraux du Grand-Ouest, qui revendique près de 3 000 adhérents, avait adressé une lettre ouverte à l’ensemble des parlementaires. Elle y estimait qu’un gel de la dotation, combiné à la hausse des dépenses d’énergie et aux revalorisations salariales des agents territoriaux, ferait perdre en moyenne <strong>4,7 %</strong> de pouvoir d’achat aux budgets municipaux.</p>
<p>À Saint-Édelin, bourg de 1 800 habitants niché dans le bocage, le maire, Gérard Pellerin, avait déjà fait ses comptes : le gel lui aurait coûté l’équivalent d’un poste et demi d’agent technique. Sans étiquette, élu depuis trois mandats, il a été l’un des premiers à signer la lettre ouverte.</p>
<blockquote><p>« On nous demande chaque année de faire plus avec moins. Cette fois, il ne s’agissait plus de se serrer la ceinture, mais de choisir entre l’entretien de l’école et le chauffage de la salle des fêtes. Je suis soulagé, mais je resterai prudent tant que je n’aurai pas vu le texte définitivement voté. »</p></blockquote>
<p>Dans plusieurs départements, des maires avaient menacé de ne pas adopter leur budget primitif dans les délais, une démarche symbolique mais qui aurait placé les préfectures dans une situation délicate. D’autres avaient annoncé le report de travaux de rénovation thermique pourtant subventionnés par l’État.</p>
<h2>Une majorité divisée</h2>
<p>Le recul de l’exécutif tient aussi à l’arithmétique parlementaire. Une vingtaine de députés de la majorité, élus pour la plupart dans des circonscriptions rurales ou périurbaines, avaient fait savoir qu’ils voteraient l’amendement de suppression déposé par l’opposition. « Il y avait un vrai risque de défaite en séance, et personne ne voulait ouvrir l’examen du budget sur un revers », reconnaît un conseiller ministériel qui a requis l’anonymat.</p>
<p>L’opposition, elle, revendique une victoire tout en dénonçant « un budget écrit au crayon à papier ». Plusieurs de ses responsables réclament désormais une loi de programmation pluriannuelle des finances locales, afin de donner aux communes une visibilité sur au moins trois exercices. Une demande ancienne, que les gouvernements successifs ont toujours repoussée.</p>
<h2>Quelles conséquences pour le déficit ?</h2>
<p>Reste la question de la trajectoire des comptes publics. Le projet de loi de finances vise un déficit ramené à <strong>4,4 % du produit intérieur brut</strong> en 2027, un objectif jugé « ambitieux » par la plupart des économistes que nous avons interrogés. Pris isolément, l’abandon du gel représente un peu moins de 0,05 point de PIB. Mais il fragilise un édifice déjà construit sur des hypothèses de croissance optimistes.</p>
<p>« Le problème n’est pas le montant, c’est le signal, analyse Lucie Ferrand, économiste spécialiste des finances publiques à l’université de Castelbrune. Chaque recul de ce type rend plus difficile la prochaine économie, car tous les acteurs ont compris que la mobilisation paie. » Elle rappelle toutefois que les collectivités ne pèsent que pour une faible part dans la dette publique, puisqu’elles ne peuvent emprunter que pour investir.</p>
<p>L’examen de la partie recettes du budget doit reprendre dans les prochains jours à l’Assemblée nationale. Les associations d’élus, de leur côté, entendent maintenir leur vigilance jusqu’au vote final, attendu avant la fin de l’année. « Nous avons gagné une manche, pas la partie », résume Gérard Pellerin.</p>""",
        "tags": ["budget-2027", "collectivites"],
        "authors": ["claire-vasseur", "mathieu-kerbrat"],
        "hours_ago": 2,
        "featured": True,
        "sources": [
            {
                "label": "Projet de loi de finances pour 2027 : annexe sur les concours financiers aux collectivités",
                "url": "https://www.example.org/finances/plf-2027-annexe-collectivites.pdf",
            },
            {
                "label": "Lettre ouverte de l’Union des maires ruraux du Grand-Ouest",
                "url": "https://example.com/umrgo/lettre-ouverte-dotations",
            },
        ],
        "corrections": [],
        "how_we_worked": "",
        "image": {
            "alt": "Illustration abstraite aux tons bleu marine et ocre, formée de colonnes verticales de hauteurs inégales.",
            "caption": "Le gel de la dotation globale de fonctionnement devait rapporter environ 1,1 milliard d’euros à l’État.",
            "credit": "Illustration : Le Courrier du Matin",
        },
        "updated_hours_after": 3,
    },
    # 2. Enquête
    {
        "title": "Logement social : à Pontvallon, 4 000 demandes dormaient dans un fichier oublié",
        "slug": "logement-social-a-pontvallon-4000-demandes-dormaient-dans-un-fichier-oublie",
        "category": "societe",
        "type": "investigation",
        "standfirst": (
            "Pendant près de trois ans, des milliers de dossiers de demandeurs de "
            "logement social n’ont jamais été examinés par les commissions "
            "d’attribution de l’agglomération. Notre enquête révèle une défaillance "
            "informatique connue des services, mais longtemps ignorée."
        ),
        "body": """<p>Le fichier s’appelait « export_demandes_v2 ». Pendant près de trois ans, il a contenu les dossiers de plus de <strong>4 000 ménages</strong> ayant déposé une demande de logement social auprès de l’agglomération de Pontvallon. Aucun de ces dossiers n’a jamais été présenté en commission d’attribution. Leurs auteurs, eux, continuaient de recevoir chaque année un courrier automatique les invitant à renouveler leur demande — ce que la plupart ont fait, en vain.</p>
<p>Selon les documents internes consultés par <em>Le Courrier du Matin</em> et les témoignages d’une dizaine d’agents, actuels ou anciens, le dysfonctionnement était connu des services dès le printemps 2023. Il n’a été corrigé qu’au début de cette année, après l’arrivée d’un nouveau directeur des systèmes d’information.</p>
<h2>Une passerelle informatique rompue</h2>
<p>L’origine du problème est technique. En 2023, l’agglomération a changé de logiciel de gestion des demandes. Les dossiers déposés en ligne devaient être transférés automatiquement vers l’outil utilisé par l’office public Pontvallon Habitat, qui prépare les commissions. Mais lorsque la demande comportait une pièce jointe trop volumineuse — souvent un avis d’imposition scanné en haute résolution —, le transfert échouait sans le moindre message d’erreur.</p>
<p>Ces dossiers s’accumulaient alors dans un répertoire intermédiaire que personne ne consultait. Nos calculs, réalisés à partir des tableaux de bord transmis aux élus, montrent que la part des demandes « en attente de traitement » est passée de 6 % à près de 19 % du stock total entre 2022 et 2025, sans que ce bond ne suscite la moindre question lors des conseils communautaires.</p>
<h2>Des alertes restées sans suite</h2>
<p>Les agents d’accueil, eux, avaient remarqué l’anomalie. Deux notes internes, datées de mai et de novembre 2023, signalent que « des demandeurs anciens n’apparaissent dans aucune liste de présélection ». Une troisième, rédigée l’année suivante par une responsable de secteur, propose un contrôle manuel de l’ensemble des dossiers. Elle n’a reçu aucune réponse écrite.</p>
<p>« On nous a dit que c’était un problème de paramétrage et que le prestataire s’en occupait, raconte une ancienne agente, qui a quitté l’agglomération l’an dernier. Pendant ce temps, on voyait au guichet des gens en larmes, qui ne comprenaient pas pourquoi leur voisin, inscrit après eux, avait obtenu un appartement. »</p>
<p>Interrogé, le vice-président de l’agglomération chargé de l’habitat, Patrice Anglade, reconnaît « une défaillance grave » et assure n’en avoir découvert l’ampleur qu’en janvier :</p>
<blockquote><p>« Je ne cherche pas d’excuses. Des familles ont attendu pour rien, et c’est inacceptable. Nous avons recontacté chaque demandeur concerné, et leurs dossiers sont désormais examinés en priorité, avec leur ancienneté réelle. »</p></blockquote>
<h2>Des familles toujours dans l’attente</h2>
<p>Sur les 4 000 dossiers retrouvés, environ 2 600 étaient encore actifs au moment de la correction. Depuis, selon les chiffres fournis par l’agglomération, 310 ménages ont reçu une proposition de logement. Les autres patientent, dans un parc où le délai moyen d’attribution dépasse déjà deux ans.</p>
<p>Nadia, 38 ans, mère de deux enfants, fait partie de ceux qui attendent encore. Inscrite depuis 2022, elle vit avec sa famille dans un deux-pièces du centre-ville dont le loyer absorbe plus de la moitié de ses revenus. « On m’a appelée en février pour me dire que mon dossier avait été “retrouvé”. Comme s’il s’agissait d’un parapluie oublié dans le bus », souffle-t-elle.</p>
<p>Plusieurs associations de défense des locataires envisagent désormais un recours. Elles demandent notamment :</p>
<ul>
<li>la publication d’un audit indépendant sur la gestion du fichier ;</li>
<li>un calendrier précis d’examen des dossiers restants ;</li>
<li>l’indemnisation des ménages contraints d’engager des frais d’hébergement temporaire.</li>
</ul>
<p>L’agglomération indique qu’un audit a été confié à un cabinet extérieur et que ses conclusions seront présentées en conseil communautaire « d’ici l’été ». Le prestataire informatique, sollicité à plusieurs reprises, n’a pas répondu à nos questions.</p>""",
        "tags": ["logement", "collectivites"],
        "authors": ["ines-haddad"],
        "hours_ago": 5,
        "featured": False,
        "sources": [
            {
                "label": "Rapport d’activité 2025 de l’office Pontvallon Habitat",
                "url": "https://www.example.org/pontvallon-habitat/rapport-activite-2025.pdf",
            },
            {
                "label": "Réponses écrites de l’agglomération de Pontvallon à nos questions",
                "url": "https://example.com/documents/agglo-pontvallon-reponses",
            },
        ],
        "corrections": [],
        "how_we_worked": (
            "Cette enquête s’appuie sur plus de trente entretiens menés pendant "
            "quatre mois avec des demandeurs, des agents et d’anciens cadres de "
            "l’agglomération, ainsi que sur des notes internes dont nous avons "
            "vérifié l’authenticité auprès de deux sources distinctes. Les chiffres "
            "ont été recoupés avec les rapports d’activité publics de l’office HLM, "
            "et l’agglomération a reçu nos questions détaillées deux semaines avant "
            "publication."
        ),
        "image": {
            "alt": "Illustration abstraite aux tons gris et jaune pâle, composée de rectangles superposés évoquant des dossiers empilés.",
            "caption": "Plus de 4 000 demandes de logement social sont restées bloquées dans un répertoire informatique de l’agglomération.",
            "credit": "Illustration : Le Courrier du Matin",
        },
        "updated_hours_after": None,
    },
    # 3. Analyse
    {
        "title": "Énergie : pourquoi la baisse des prix ne se voit pas sur la facture des PME ?",
        "slug": "energie-pourquoi-la-baisse-des-prix-ne-se-voit-pas-sur-la-facture-des-pme",
        "category": "economie",
        "type": "analysis",
        "standfirst": (
            "Les prix de gros de l’électricité ont nettement reculé depuis la crise "
            "énergétique. Pourtant, nombre de petites entreprises paient toujours "
            "des factures proches de leurs records. Décryptage d’un décalage qui "
            "pèse sur les marges."
        ),
        "body": """<p>Sur les marchés, l’alerte est passée. Les prix de gros de l’électricité, qui avaient atteint des sommets lors de la crise énergétique, sont revenus à des niveaux bien plus raisonnables. Mais pour de nombreux artisans, commerçants et dirigeants de petites et moyennes entreprises (PME), la détente reste largement théorique. Dans les factures que nous avons pu examiner, le prix moyen du mégawattheure payé cette année reste supérieur de <strong>40 à 70 %</strong> à celui d’avant la crise.</p>
<p>Ce décalage n’a rien de mystérieux. Il tient à la manière dont les contrats sont conclus, au poids croissant des coûts de réseau et à la fin progressive des aides publiques. Tour d’horizon.</p>
<h2>Des contrats signés au plus haut</h2>
<p>La première explication est contractuelle. Contrairement aux particuliers, la plupart des entreprises ne bénéficient pas d’un tarif réglementé. Elles signent avec leur fournisseur des contrats à prix fixe, généralement pour deux à quatre ans. Celles qui ont renouvelé leur contrat au plus fort de la flambée se sont engagées à des prix très élevés, qu’elles continuent de payer aujourd’hui.</p>
<p>C’est le cas de Manon Riou, qui dirige une boulangerie de six salariés à Aurignon. Son contrat, signé dans l’urgence au pire moment, court jusqu’à la fin de l’an prochain. En sortir lui coûterait une pénalité équivalant à plusieurs mois de consommation.</p>
<blockquote><p>« Mon four consomme autant qu’avant, je vends mon pain presque au même prix que mes concurrents, mais je paie l’électricité deux fois plus cher que la boulangerie d’en face, qui a renégocié l’an dernier. Personne ne m’avait expliqué qu’on pouvait se retrouver enfermé comme ça. »</p></blockquote>
<h2>Le poids grandissant du réseau et des taxes</h2>
<p>Deuxième facteur : la part de la facture qui ne dépend pas du prix de l’énergie elle-même. Le tarif d’utilisation des réseaux, qui finance l’entretien et le développement des lignes électriques, a été relevé à plusieurs reprises pour accompagner le raccordement des nouvelles installations renouvelables et la modernisation des infrastructures. La fiscalité sur l’électricité, allégée pendant la crise, est par ailleurs revenue à son niveau antérieur.</p>
<p>Résultat : pour une petite entreprise type, la part « fourniture » ne représente plus qu’environ la moitié de la facture, contre près des deux tiers il y a cinq ans. Une baisse des prix de gros, même marquée, n’a donc qu’un effet limité sur le montant final. Dans les factures que nous avons analysées, la répartition moyenne s’établit ainsi :</p>
<ul>
<li><strong>fourniture d’énergie</strong> : environ 50 % du total ;</li>
<li><strong>acheminement et réseau</strong> : environ 30 % ;</li>
<li><strong>taxes et contributions</strong> : environ 20 %.</li>
</ul>
<h2>Ce qui pourrait changer</h2>
<p>Les organisations patronales réclament des dispositifs permettant de sortir plus facilement des contrats signés pendant la crise, ou d’en renégocier le prix sans pénalités prohibitives. Certains fournisseurs le proposent déjà, au cas par cas, en échange d’un engagement plus long. « C’est souvent un marché de dupes : on gagne un peu aujourd’hui et on se lie les mains pour cinq ans », met en garde Bastien Quéré, consultant en achats d’énergie pour les collectivités et les PME.</p>
<p>Les pouvoirs publics, eux, misent sur la transparence. Un projet de décret prévoit d’obliger les fournisseurs à indiquer clairement, sur chaque facture, la date d’échéance du contrat et un prix de marché de référence. Une mesure modeste, mais qui pourrait inciter davantage d’entreprises à faire jouer la concurrence au bon moment.</p>
<p>En attendant, les chambres de commerce constatent une hausse des demandes d’accompagnement. Nombre d’entrepreneurs découvrent à cette occasion qu’ils ne connaissaient ni la durée de leur contrat ni ses conditions de résiliation. Dans un contexte où les marges restent sous pression, ce manque d’information a un coût bien réel.</p>""",
        "tags": ["energie", "emploi"],
        "authors": ["mathieu-kerbrat"],
        "hours_ago": 9,
        "featured": False,
        "sources": [
            {
                "label": "Projet de décret relatif à l’information des consommateurs professionnels d’électricité",
                "url": "https://www.example.org/energie/projet-decret-information-factures",
            },
        ],
        "corrections": [],
        "how_we_worked": (
            "Pour cette analyse, nous avons comparé les factures anonymisées de "
            "quatorze entreprises de moins de cinquante salariés, transmises par "
            "leurs dirigeants à la suite d’un appel à témoignages. Les répartitions "
            "par poste ont été vérifiées auprès de deux consultants indépendants ; "
            "ces données ne constituent pas un échantillon représentatif, mais "
            "illustrent des situations fréquentes."
        ),
        "image": {
            "alt": "Illustration abstraite aux tons orange et violet, traversée de lignes brisées rappelant une courbe de prix.",
            "caption": "Les prix de gros de l’électricité ont reculé, mais la facture des petites entreprises reste élevée.",
            "credit": "Illustration : Le Courrier du Matin",
        },
        "updated_hours_after": None,
    },
    # 4. Entretien
    {
        "title": "Sécheresses : « L’eau doit redevenir l’affaire de tous, pas seulement des experts »",
        "slug": "secheresses-l-eau-doit-redevenir-l-affaire-de-tous-pas-seulement-des-experts",
        "category": "sciences",
        "type": "interview",
        "standfirst": (
            "Alors que plusieurs départements connaissent un troisième été "
            "consécutif de restrictions, l’hydrologue Hélène Marchadier plaide pour "
            "une gouvernance de l’eau plus ouverte aux citoyens. Entretien."
        ),
        "body": """<p>Directrice de recherche à l’Institut des eaux et des sols de Castelbrune, Hélène Marchadier étudie depuis vingt-cinq ans les nappes phréatiques de l’ouest de la France. Elle vient de coordonner un rapport collectif sur la gestion des sécheresses, remis aux agences de l’eau au début du mois. Elle y défend une idée simple : les arbitrages sur le partage de l’eau ne peuvent plus se faire entre seuls spécialistes.</p>
<h2>« Les nappes ne se rechargent plus comme avant »</h2>
<p><strong>Les restrictions d’eau sont devenues presque routinières dans certaines régions. Faut-il s’y habituer ?</strong></p>
<p>S’y habituer, non. S’y préparer, oui. Ce que nous observons, c’est une modification profonde du cycle de recharge des nappes. Les pluies d’hiver, celles qui remplissent les réserves souterraines, sont plus irrégulières. Quand il pleut beaucoup en peu de temps, l’eau ruisselle au lieu de s’infiltrer. Et les étés plus chauds augmentent l’évaporation comme les besoins des plantes. On peut donc connaître un hiver « normal » en cumul de pluie et, malgré tout, des nappes basses au printemps.</p>
<p><strong>Votre rapport parle de « sécheresses de fond ». Qu’entendez-vous par là ?</strong></p>
<p>C’est la différence entre une mauvaise année et une tendance. Une sécheresse ponctuelle, on la gère avec des arrêtés préfectoraux et un peu de patience. Une sécheresse de fond, c’est quand le niveau moyen des réserves baisse d’une décennie à l’autre. Sur les 46 points de mesure que nous avons suivis, 31 montrent une baisse significative depuis le début des années 2000. Cela ne veut pas dire que l’eau va manquer partout, mais que nos marges de sécurité se réduisent.</p>
<h2>Partager plutôt que restreindre</h2>
<p><strong>Qui doit faire des efforts en priorité : l’agriculture, l’industrie, les ménages ?</strong></p>
<p>C’est exactement la question que je refuse de trancher seule, et c’est le cœur de notre rapport. Chacun a tendance à désigner l’autre. Les données montrent que l’irrigation est le premier usage en été dans beaucoup de bassins, mais aussi que les fuites des réseaux d’eau potable représentent parfois un litre sur cinq. Il n’y a pas de coupable unique. Il y a des choix à faire, et ces choix sont politiques, au sens noble du terme.</p>
<blockquote><p>« Un hydrologue peut vous dire combien d’eau il reste dans une nappe. Il ne peut pas vous dire s’il vaut mieux arroser un champ de maïs, remplir une piscine municipale ou préserver une rivière. Ça, c’est à la société d’en décider, en connaissance de cause. »</p></blockquote>
<p><strong>Concrètement, que proposez-vous ?</strong></p>
<p>Nous recommandons que chaque bassin versant se dote d’une assemblée locale de l’eau, associant des élus, des agriculteurs, des industriels, des associations et des habitants tirés au sort. Son rôle serait de fixer, à partir de données publiques et compréhensibles, des règles de partage pour les années sèches, avant que la crise n’arrive. Aujourd’hui, on décide souvent dans l’urgence, au mois de juillet, et tout le monde se sent lésé.</p>
<h2>« La transparence des données est un préalable »</h2>
<p><strong>Les citoyens ont-ils vraiment accès à ces données ?</strong></p>
<p>En partie seulement. Beaucoup de mesures existent, mais elles sont dispersées, publiées dans des formats techniques ou avec plusieurs mois de retard. Nous demandons la création d’un tableau de bord public, mis à jour chaque semaine, indiquant le niveau des nappes, les prélèvements autorisés et les volumes réellement consommés. Quand les gens comprennent l’état de la ressource, ils acceptent beaucoup mieux les efforts qu’on leur demande.</p>
<p><strong>Êtes-vous optimiste ?</strong></p>
<p>Raisonnablement. Certaines communes ont réduit leur consommation de 15 % en trois ans simplement en réparant leurs canalisations et en informant les habitants. Des agriculteurs changent leurs assolements et testent des cultures moins gourmandes. Ce qui me préoccupe davantage, c’est le temps : les nappes réagissent lentement, et les décisions que nous prenons aujourd’hui ne produiront pleinement leurs effets que dans dix ou quinze ans. <em>Il faut donc agir avant d’y être contraint.</em></p>""",
        "tags": ["eau", "climat", "agriculture"],
        "authors": ["sophie-delorme"],
        "hours_ago": 14,
        "featured": False,
        "sources": [
            {
                "label": "Rapport « Sécheresses de fond : partager l’eau autrement » (synthèse)",
                "url": "https://www.example.org/rapports/secheresses-de-fond-synthese.pdf",
            },
        ],
        "corrections": [],
        "how_we_worked": (
            "Cet entretien a été réalisé en visioconférence et a duré un peu plus "
            "d’une heure ; il a été condensé pour la publication. Conformément à "
            "nos principes, le texte a été soumis à Hélène Marchadier pour "
            "vérifier l’exactitude des données chiffrées, sans qu’elle en modifie "
            "le sens. Les chiffres cités proviennent du rapport qu’elle a "
            "coordonné, que nous avons consulté dans son intégralité."
        ),
        "image": {
            "alt": "Illustration abstraite aux tons turquoise et sable, faite de cercles concentriques qui s’estompent vers le bas.",
            "caption": "Sur 46 points de mesure suivis par l’équipe d’Hélène Marchadier, 31 montrent une baisse durable du niveau des nappes.",
            "credit": "Illustration : Le Courrier du Matin",
        },
        "updated_hours_after": None,
    },
    # 5. International
    {
        "title": "Trains de nuit : les Vingt-Sept s’accordent sur un billet unique européen",
        "slug": "trains-de-nuit-les-vingt-sept-s-accordent-sur-un-billet-unique-europeen",
        "category": "international",
        "type": "news",
        "standfirst": (
            "Les ministres des Transports de l’Union européenne ont trouvé un "
            "compromis pour permettre de réserver un trajet ferroviaire "
            "transfrontalier en une seule opération. Le Parlement européen doit "
            "encore se prononcer."
        ),
        "body": """<p>Réserver un trajet de nuit entre deux capitales européennes, correspondance comprise, sur un seul site et avec une seule protection en cas de retard : c’est la promesse du compromis trouvé par les ministres des Transports des Vingt-Sept, réunis à Bruxelles. Le texte impose aux compagnies ferroviaires de partager leurs données d’horaires et de tarifs, afin que des plateformes de réservation puissent vendre des billets combinant plusieurs opérateurs.</p>
<p>Surtout, il crée une <strong>garantie de correspondance</strong> : un voyageur qui rate sa connexion à cause du retard de son premier train pourra monter gratuitement dans le suivant, quel que soit l’opérateur. Aujourd’hui, faute de billet unique, il doit le plus souvent racheter un titre de transport.</p>
<h2>Un compromis arraché de haute lutte</h2>
<p>Plusieurs États, soucieux de protéger leurs opérateurs historiques, redoutaient une ouverture trop large des données commerciales. Le compromis prévoit une période de transition de trois ans et des règles allégées pour les petites compagnies. « Nous avons préféré un accord imparfait à l’absence d’accord », résume un diplomate associé aux discussions.</p>
<p>Les associations de voyageurs saluent une avancée, tout en regrettant certaines exceptions. Porte-parole d’un collectif européen d’usagers du rail, Aoife Brennan a réagi en anglais lors d’une conférence de presse en ligne :</p>
<blockquote lang="en"><p>“This is the first time that a passenger crossing three borders by train will have the same rights as someone taking a plane. It is not perfect, but it is a real step forward, and we will be watching closely how it is implemented.”</p></blockquote>
<p>En clair : pour la première fois, un voyageur franchissant trois frontières en train aura les mêmes droits qu’un passager aérien. Le collectif promet toutefois de surveiller de près la mise en œuvre du texte.</p>
<h2>Prochaine étape au Parlement européen</h2>
<p>Le texte doit maintenant être examiné par le Parlement européen, qui avait adopté l’an dernier une position plus ambitieuse, incluant une obligation de vendre les billets de tous les opérateurs sur toutes les plateformes. Les négociations entre les deux institutions pourraient débuter au printemps, et les premiers billets uniques ne seraient pas disponibles avant plusieurs années.</p>
<p>Pour les compagnies de trains de nuit, qui ont rouvert plusieurs lignes ces dernières années, l’enjeu est de taille : une grande partie de leur clientèle voyage avec au moins une correspondance, et l’absence de garantie reste l’un des premiers freins cités par les voyageurs.</p>""",
        "tags": ["transports", "union-europeenne"],
        "authors": ["julien-morvan"],
        "hours_ago": 19,
        "featured": False,
        "sources": [
            {
                "label": "Orientation générale du Conseil sur les droits des voyageurs ferroviaires (document de travail)",
                "url": "https://example.com/ue/transports/compromis-billet-unique",
            },
        ],
        "corrections": [],
        "how_we_worked": "",
        "image": {
            "alt": "Illustration abstraite aux tons bleu nuit et argent, parcourue de longues lignes horizontales parallèles.",
            "caption": "Le compromis européen crée une garantie de correspondance pour les trajets ferroviaires transfrontaliers.",
            "credit": "Illustration : Le Courrier du Matin",
        },
        "updated_hours_after": None,
    },
    # 6. Dépêche
    {
        "title": "Océans : la conférence de Port-Aurore prolongée d’une journée faute d’accord",
        "slug": "oceans-la-conference-de-port-aurore-prolongee-d-une-journee-faute-d-accord",
        "category": "international",
        "type": "wire",
        "standfirst": (
            "Les délégations réunies pour la conférence internationale sur la "
            "protection des océans ne sont pas parvenues à s’entendre sur le "
            "financement des aires marines protégées."
        ),
        "body": """<p><strong>Port-Aurore (dépêche)</strong> — La conférence internationale sur la protection des océans, qui devait s’achever en fin d’après-midi, a été prolongée d’au moins une journée, ont annoncé les organisateurs. Les délégations de plus de 120 pays ne sont pas parvenues à s’accorder sur le texte final, bloquées notamment par la question du financement des aires marines protégées en haute mer.</p>
<p>Le projet de déclaration prévoit la création d’un fonds international destiné à aider les pays côtiers les moins riches à surveiller ces zones. Plusieurs délégations réclament que ce fonds soit alimenté par une contribution obligatoire des pays disposant des plus grandes flottes de pêche, ce que d’autres refusent catégoriquement.</p>
<h2>Des négociations jusque dans la nuit</h2>
<p>Les discussions se sont poursuivies en petits groupes jusque tard dans la soirée. « Nous sommes proches d’un compromis sur le fond, mais les chiffres restent à écrire », a déclaré la présidente de la conférence lors d’un bref point presse, appelant les délégations à « faire preuve de responsabilité ».</p>
<p>Les organisations de défense de l’environnement présentes sur place ont dénoncé des « blocages prévisibles » et appelé à ne pas sacrifier l’ambition du texte sur l’autel du consensus. L’objectif affiché, protéger 30 % des océans d’ici à 2030, paraît hors d’atteinte : seule une petite fraction des surfaces marines bénéficie aujourd’hui d’une protection effective.</p>
<h2>Une séance plénière attendue</h2>
<p>Une nouvelle séance plénière est prévue dans la matinée. Selon plusieurs sources diplomatiques, un texte de compromis pourrait être soumis aux délégations dans la nuit. À défaut d’accord, la présidence pourrait proposer une déclaration a minima, renvoyant la question du financement à une réunion ultérieure.</p>
<p><em>Cet article, issu d’une dépêche d’agence, a été édité et complété par la rédaction.</em></p>""",
        "tags": ["climat"],
        "authors": ["julien-morvan"],
        "hours_ago": 23,
        "featured": False,
        "sources": [],
        "corrections": [],
        "how_we_worked": "",
        "image": {
            "alt": "Illustration abstraite aux tons vert d’eau et bleu profond, formée de vagues stylisées superposées.",
            "caption": "Les délégations de plus de 120 pays négocient le financement des aires marines protégées en haute mer.",
            "credit": "Illustration : Le Courrier du Matin",
        },
        "updated_hours_after": 2,
    },
    # 7. Économie (avec correction)
    {
        "title": "Lait : trois coopératives de l’Ouest fusionnent pour peser face aux industriels",
        "slug": "lait-trois-cooperatives-de-l-ouest-fusionnent-pour-peser-face-aux-industriels",
        "category": "economie",
        "type": "news",
        "standfirst": (
            "Réunissant près de 2 300 exploitations, la nouvelle entité deviendra "
            "l’un des principaux collecteurs de lait de la région. Les éleveurs "
            "espèrent mieux négocier leurs prix."
        ),
        "body": """<p>Après dix-huit mois de discussions, les coopératives Terres d’Ourse, Laiterie du Bocage et Valprairie ont annoncé leur fusion, qui doit être effective au 1er janvier. Ensemble, elles regroupent près de 2 300 exploitations et collectent environ <strong>850 millions de litres</strong> de lait par an, ce qui fera de la nouvelle structure l’un des principaux acteurs de la filière dans l’Ouest.</p>
<h2>Sortir de l’isolement</h2>
<p>Pour les dirigeants des trois coopératives, l’objectif est d’abord de rééquilibrer le rapport de force avec les industriels et la grande distribution. En deux ans, le prix payé aux producteurs a reculé de près de 8 %, alors que les coûts de l’alimentation animale et de l’énergie restent élevés. « Seuls, nous n’avions plus les moyens d’investir ni de négocier », explique Yann Le Guennec, éleveur à Saint-Édelin et futur président de la coopérative fusionnée.</p>
<p>La nouvelle entité prévoit d’investir 60 millions d’euros sur cinq ans, notamment dans une tour de séchage destinée à produire du lait en poudre pour l’export, et dans le développement d’une gamme de fromages sous signe officiel de qualité. Elle espère ainsi moins dépendre des contrats annuels signés avec les grands transformateurs.</p>
<h2>Des inquiétudes sur l’emploi</h2>
<p>Les syndicats de salariés, eux, s’inquiètent de possibles doublons. Les trois coopératives emploient au total environ 1 100 personnes, réparties sur sept sites de transformation. La direction assure qu’aucun site ne sera fermé « à court terme », mais n’exclut pas des réorganisations dans les fonctions administratives et commerciales.</p>
<p>Chez les éleveurs, l’accueil est globalement favorable, même si certains redoutent de perdre la proximité qui faisait la force des petites structures. « Dans ma coopérative, je connaissais le directeur par son prénom. Demain, je ne suis pas sûre de savoir à qui parler », confie une productrice installée depuis quinze ans près d’Aurignon.</p>
<p>Les assemblées générales des trois coopératives doivent formellement approuver le projet dans les prochaines semaines. L’opération devra également recevoir le feu vert de l’Autorité de la concurrence, qui examinera notamment ses effets sur la collecte dans les zones où les trois structures se chevauchent.</p>""",
        "tags": ["agriculture", "emploi"],
        "authors": ["mathieu-kerbrat"],
        "hours_ago": 30,
        "featured": False,
        "sources": [
            {
                "label": "Communiqué commun des coopératives Terres d’Ourse, Laiterie du Bocage et Valprairie",
                "url": "https://example.net/cooperatives/communique-fusion",
            },
        ],
        "corrections": [
            {
                "hours_after": 5,
                "text": (
                    "Dans une première version de cet article, nous indiquions que "
                    "les trois coopératives collectaient 1,2 milliard de litres de "
                    "lait par an. Le volume exact, confirmé par leur communiqué "
                    "commun, est d’environ 850 millions de litres. Le texte a été "
                    "corrigé en conséquence."
                ),
            },
        ],
        "how_we_worked": "",
        "image": {
            "alt": "Illustration abstraite aux tons crème et vert prairie, composée de trois formes arrondies qui se rejoignent.",
            "caption": "La fusion des trois coopératives doit être approuvée par leurs assemblées générales dans les prochaines semaines.",
            "credit": "Illustration : Le Courrier du Matin",
        },
        "updated_hours_after": None,
    },
    # 8. Opinion
    {
        "title": "Vote par correspondance : et si l’on débattait enfin sur le fond ?",
        "slug": "vote-par-correspondance-et-si-l-on-debattait-enfin-sur-le-fond",
        "category": "politique",
        "type": "opinion",
        "standfirst": (
            "Le retour du vote par correspondance dans le débat public mérite mieux "
            "que les soupçons et les calculs électoraux. Il appelle un examen "
            "serein de la participation et de la sécurité du scrutin."
        ),
        "body": """<p><em>Cet éditorial exprime la position de la rédaction. Il se distingue, par nature, de nos articles d’information.</em></p>
<p>Chaque fois que la participation électorale atteint un nouveau plancher, la même idée ressurgit : rétablir le vote par correspondance, supprimé en France en 1975 à la suite de fraudes. Et chaque fois, le débat s’enlise en quelques jours. Les uns y voient la solution miracle à l’abstention, les autres une porte ouverte aux manipulations. Les calculs partisans — à qui profiterait un électorat plus âgé, plus rural, plus mobile ? — finissent par éclipser la question de fond.</p>
<h2>Un outil, pas une panacée</h2>
<p>Disons-le d’emblée : le vote par correspondance ne ramènera pas massivement aux urnes les citoyens qui se sont détournés de la politique. L’abstention est d’abord le symptôme d’une défiance, d’un sentiment d’inutilité du vote, parfois d’une difficulté à s’informer. Aucune modalité technique ne réparera à elle seule ce lien abîmé.</p>
<p>Mais il serait tout aussi faux de balayer l’idée d’un revers de main. Pour les personnes âgées ou handicapées, pour les étudiants inscrits loin de leur lieu d’études, pour les salariés en déplacement, se rendre au bureau de vote un dimanche précis relève parfois du parcours d’obstacles. La procuration, seule alternative aujourd’hui, suppose de trouver un mandataire de confiance et d’accomplir des démarches que beaucoup jugent dissuasives.</p>
<h2>Les vraies questions</h2>
<p>Plutôt que de s’invectiver, responsables politiques et administrations devraient répondre à des questions précises. Comment garantir le secret du vote lorsque le bulletin est rempli à domicile, sous le regard éventuel d’un proche ? Comment vérifier l’identité de l’électeur sans alourdir la procédure au point de la rendre inutile ? Quel coût pour les communes, déjà chargées de l’organisation matérielle des scrutins ?</p>
<p>De nombreux pays européens pratiquent le vote postal depuis des décennies, avec des garde-fous variés. Leurs expériences, réussites comme ratés, sont documentées. Une mission parlementaire transpartisane pourrait les étudier sereinement, avant toute proposition de loi, et rendre ses conclusions publiques.</p>
<p>La démocratie ne gagne rien à ce que chaque réforme du mode de scrutin soit soupçonnée d’arrière-pensées. Elle gagnerait beaucoup, en revanche, à un débat qui commencerait par cette question : qu’est-ce qui permet au plus grand nombre de voter librement, en toute confiance ? C’est à cette aune, et à elle seule, que le vote par correspondance devrait être jugé.</p>""",
        "tags": ["elections-municipales"],
        "authors": ["claire-vasseur"],
        "hours_ago": 38,
        "featured": False,
        "sources": [],
        "corrections": [],
        "how_we_worked": "",
        "image": {
            "alt": "Illustration abstraite aux tons rouge brique et blanc cassé, composée d’enveloppes stylisées en perspective.",
            "caption": "Le vote par correspondance a été supprimé en France en 1975.",
            "credit": "Illustration : Le Courrier du Matin",
        },
        "updated_hours_after": None,
    },
    # 9. Politique
    {
        "title": "Municipales : à Castelbrune, la gauche et les écologistes partiront unis dès le premier tour",
        "slug": "municipales-a-castelbrune-la-gauche-et-les-ecologistes-partiront-unis-des-le-premier-tour",
        "category": "politique",
        "type": "news",
        "standfirst": (
            "Après des semaines de tractations, les partis de gauche et les "
            "écologistes ont signé un accord pour présenter une liste commune face "
            "au maire sortant. Elle sera conduite par une conseillère municipale "
            "écologiste de 41 ans."
        ),
        "body": """<p>La photo de famille a été prise sur les marches de la halle aux grains, sous une pluie fine. Réunis en fin de journée, les responsables locaux des partis de gauche et des écologistes ont officialisé leur accord pour les prochaines élections municipales à Castelbrune, ville de 58 000 habitants. Ils présenteront une liste unique dès le premier tour, conduite par <strong>Camille Aubertin</strong>, conseillère municipale d’opposition depuis six ans.</p>
<h2>Un accord longtemps incertain</h2>
<p>Rien n’était pourtant acquis. Il y a encore un mois, deux listes concurrentes semblaient se dessiner : les écologistes revendiquaient la tête de liste au vu de leurs bons résultats lors des derniers scrutins dans la ville, tandis que leurs partenaires mettaient en avant leur implantation ancienne dans les quartiers. Le compromis prévoit une répartition des places éligibles proportionnelle aux scores récents et un programme commun articulé autour de trois priorités : les transports, le logement et la rénovation des écoles.</p>
<p>Devant une cinquantaine de militants, Camille Aubertin a défendu la méthode :</p>
<blockquote><p>« Nous avons passé plus de temps à parler de bus et de cantines que de places éligibles, et c’est bon signe. Les habitants de Castelbrune ne nous auraient pas pardonné une division qui aurait offert un nouveau mandat au maire sortant sans véritable combat. »</p></blockquote>
<h2>Le maire sortant minimise</h2>
<p>Maire depuis deux mandats, Bernard Castagnède, divers droite, n’a pas encore officiellement annoncé sa candidature, mais ne fait guère mystère de ses intentions. Interrogé par <em>Le Courrier du Matin</em>, son entourage juge l’accord « purement arithmétique » et assure que « les Castelbrunois jugeront sur le bilan », citant la rénovation du centre-ville et la stabilité des impôts locaux.</p>
<p>Au centre, une troisième liste pourrait voir le jour, portée par d’anciens adjoints en rupture avec la majorité municipale. Ses initiateurs disent vouloir « dépasser les clivages » et promettent de dévoiler leur projet d’ici quelques semaines. Le dépôt officiel des candidatures n’interviendra qu’en début d’année prochaine, mais la campagne, elle, est bel et bien lancée.</p>""",
        "tags": ["elections-municipales", "collectivites"],
        "authors": ["claire-vasseur"],
        "hours_ago": 47,
        "featured": False,
        "sources": [
            {
                "label": "Texte de l’accord programmatique de la liste commune de Castelbrune",
                "url": "https://example.net/castelbrune/accord-liste-commune.pdf",
            },
        ],
        "corrections": [],
        "how_we_worked": "",
        "image": {
            "alt": "Illustration abstraite aux tons vert sapin et rose poudré, où deux bandes de couleur se croisent en diagonale.",
            "caption": "La liste commune de Castelbrune sera conduite par la conseillère municipale écologiste Camille Aubertin.",
            "credit": "Illustration : Le Courrier du Matin",
        },
        "updated_hours_after": None,
    },
    # 10. Société
    {
        "title": "Lycées professionnels : douze établissements testent l’alternance à mi-temps",
        "slug": "lycees-professionnels-douze-etablissements-testent-l-alternance-a-mi-temps",
        "category": "societe",
        "type": "news",
        "standfirst": (
            "Dans le cadre d’une expérimentation régionale, des élèves de terminale "
            "partagent désormais leur semaine entre l’entreprise et le lycée. "
            "Enseignants et employeurs restent partagés."
        ),
        "body": """<p>Depuis la rentrée, Lucas, 17 ans, passe ses lundis, ses mardis et ses mercredis matin dans un garage automobile de la zone artisanale d’Aurignon. Le reste de la semaine, il retrouve les salles de cours du lycée professionnel des Quatre-Vents. Comme <strong>640 élèves de terminale</strong> répartis dans douze établissements de la région, il participe à une expérimentation qui rapproche le lycée professionnel de l’apprentissage.</p>
<h2>Deux jours et demi en entreprise</h2>
<p>Le principe est simple : au lieu de stages de plusieurs semaines concentrés sur l’année, les élèves passent la moitié de chaque semaine chez un employeur, qui leur verse une gratification. Un tuteur en entreprise et un enseignant référent suivent ensemble leur progression. « Je vois enfin à quoi servent les cours. Quand on démonte une boîte de vitesses le mardi, le cours de technologie du jeudi n’a plus la même saveur », sourit Lucas.</p>
<p>Du côté des entreprises, l’intérêt est réel, notamment dans les métiers qui peinent à recruter. « Un élève présent chaque semaine s’intègre beaucoup mieux qu’un stagiaire qu’on voit passer six semaines puis disparaître », observe le gérant du garage, qui envisage déjà d’embaucher sa jeune recrue à la fin de l’année.</p>
<h2>Des enseignants inquiets</h2>
<p>Dans les salles des professeurs, le ton est plus réservé. Pour dégager du temps en entreprise, l’expérimentation réduit d’environ un quart les heures d’enseignement général : français, histoire-géographie, mathématiques. Plusieurs enseignants redoutent que les élèves les plus fragiles en pâtissent, et que la poursuite d’études en BTS devienne plus difficile.</p>
<p>« Nous ne sommes pas opposés à l’entreprise, nous formons des professionnels. Mais un lycée n’est pas un centre de formation d’apprenti, et nos élèves ont aussi droit à une culture générale », fait valoir une professeure de lettres, représentante syndicale dans l’un des établissements concernés.</p>
<p>Un comité de suivi, associant le rectorat, la région, des représentants des entreprises et des enseignants, doit rendre un premier bilan au printemps. Il portera notamment sur le taux de réussite aux examens, l’insertion professionnelle des élèves et le nombre d’abandons en cours d’année. La décision d’étendre ou non le dispositif ne sera pas prise avant la rentrée suivante.</p>""",
        "tags": ["education", "emploi"],
        "authors": ["ines-haddad"],
        "hours_ago": 58,
        "featured": False,
        "sources": [
            {
                "label": "Cahier des charges de l’expérimentation régionale en lycée professionnel",
                "url": "https://www.example.org/region/lycees-pro/cahier-des-charges",
            },
        ],
        "corrections": [],
        "how_we_worked": "",
        "image": {
            "alt": "Illustration abstraite aux tons jaune moutarde et gris anthracite, composée d’engrenages géométriques simplifiés.",
            "caption": "Quelque 640 élèves de terminale participent à l’expérimentation dans douze lycées professionnels.",
            "credit": "Illustration : Le Courrier du Matin",
        },
        "updated_hours_after": None,
    },
    # 11. Culture
    {
        "title": "Patrimoine : l’abbaye d’Ornay-le-Vieux rouvre ses portes après sept ans de chantier",
        "slug": "patrimoine-l-abbaye-d-ornay-le-vieux-rouvre-ses-portes-apres-sept-ans-de-chantier",
        "category": "culture",
        "type": "news",
        "standfirst": (
            "Fermée depuis l’effondrement partiel de sa charpente, l’abbatiale "
            "romane accueille de nouveau le public. Le chantier a permis une "
            "découverte inattendue."
        ),
        "body": """<p>Les premiers visiteurs ont patienté près d’une heure devant le portail, sous un soleil d’automne. Sept ans après l’effondrement d’une partie de la charpente de la nef lors d’une tempête hivernale, l’abbatiale d’Ornay-le-Vieux, joyau roman de la vallée, a rouvert au public ce week-end. Coût total du chantier : <strong>14,2 millions d’euros</strong>, financés par l’État, la région, le département et une souscription publique qui a réuni plus de 9 000 donateurs.</p>
<h2>Des peintures murales redécouvertes</h2>
<p>Le chantier a réservé une surprise de taille. En déposant les enduits posés au XIXe siècle dans le bras nord du transept, les restaurateurs ont mis au jour un ensemble de peintures murales médiévales : un calendrier des travaux des mois, où se succèdent moissons, vendanges et abattage du cochon, daté par les spécialistes de la fin du XIIIe siècle.</p>
<p>Élise Carbonnel, architecte du patrimoine qui a dirigé les travaux, se souvient du moment où le premier motif est apparu :</p>
<blockquote><p>« Quand on a vu surgir un visage sous l’enduit, toute l’équipe s’est arrêtée de travailler. On restaure ce genre d’édifice en pensant en connaître chaque pierre, et le bâtiment vous rappelle qu’il a encore des secrets. »</p></blockquote>
<p>La découverte a retardé la fin des travaux de près d’un an, le temps de consolider les peintures et de les protéger. Elles sont désormais visibles derrière un garde-corps, sous un éclairage spécialement conçu pour limiter leur altération.</p>
<h2>Un pari touristique pour la vallée</h2>
<p>La communauté de communes espère attirer <em>60 000 visiteurs par an</em>, contre environ 35 000 avant la fermeture. Un nouveau parcours de visite, des concerts de musique ancienne et des ateliers pour les scolaires sont prévus dès cet hiver. Les commerçants du bourg, qui avaient vu leur fréquentation s’effondrer pendant les travaux, accueillent la réouverture avec soulagement.</p>
<p>Quelques riverains s’inquiètent toutefois de la circulation et du stationnement dans les ruelles étroites du village. La municipalité promet l’aménagement d’un parking à l’entrée du bourg et d’une navette les jours d’affluence.</p>""",
        "tags": ["patrimoine"],
        "authors": ["ines-haddad"],
        "hours_ago": 71,
        "featured": False,
        "sources": [
            {
                "label": "Dossier de presse de la réouverture de l’abbatiale d’Ornay-le-Vieux",
                "url": "https://example.com/ornay-le-vieux/dossier-de-presse-reouverture.pdf",
            },
        ],
        "corrections": [],
        "how_we_worked": "",
        "image": {
            "alt": "Illustration abstraite aux tons terre de Sienne et doré, faite d’arcs superposés rappelant des voûtes.",
            "caption": "Les peintures murales découvertes dans le transept nord sont datées de la fin du XIIIe siècle.",
            "credit": "Illustration : Le Courrier du Matin",
        },
        "updated_hours_after": None,
    },
    # 12. Culture (analyse)
    {
        "title": "Les festivals d’été peuvent-ils encore se passer d’argent public ?",
        "slug": "les-festivals-d-ete-peuvent-ils-encore-se-passer-d-argent-public",
        "category": "culture",
        "type": "analysis",
        "standfirst": (
            "Hausse des cachets, coûts de sécurité, subventions en recul : les "
            "organisateurs de festivals sont pris en étau. Certains misent sur le "
            "mécénat, d’autres réduisent la voilure."
        ),
        "body": """<p>Sur le papier, la dernière édition des Nuits de l’Ourse a été un succès : trois soirs de concerts, 24 000 spectateurs, des artistes acclamés. Dans les comptes, le bilan est plus sombre. Le festival de Mirabelle-sur-Ourse a terminé l’année avec un déficit de 140 000 euros, pour un budget de 1,8 million. « Nous avons fait le plein et nous avons perdu de l’argent. C’est devenu la norme », résume son directeur, Romain Dutheil.</p>
<h2>Des coûts qui s’envolent</h2>
<p>Le constat est partagé par la plupart des organisateurs que nous avons interrogés. Les cachets des artistes les plus demandés ont fortement augmenté depuis la reprise des tournées, portés par une concurrence accrue entre festivals. Les dépenses de sécurité, de location de matériel et d’énergie ont suivi. Dans le même temps, les subventions des collectivités, elles-mêmes sous contrainte budgétaire, stagnent ou reculent.</p>
<p>Or l’argent public représente encore, selon les cas, entre 15 % et 40 % des recettes des festivals de taille moyenne. Sa baisse, même modeste, suffit souvent à faire basculer l’équilibre. Augmenter le prix des billets ? Les organisateurs s’y résolvent prudemment, de peur de perdre un public jeune ou modeste.</p>
<h2>Le mécénat, une solution fragile</h2>
<p>Pour compenser, beaucoup se tournent vers les entreprises. Les Nuits de l’Ourse ont ainsi signé un partenariat avec une dizaine de sociétés locales, qui financent désormais près d’un dixième du budget. Mais ces soutiens restent volatils : ils dépendent de la conjoncture et peuvent s’interrompre du jour au lendemain.</p>
<h2>Vers des festivals plus sobres ?</h2>
<p>D’autres font le choix de réduire la voilure : moins de scènes, moins de têtes d’affiche, davantage d’artistes émergents et régionaux. Un modèle plus sobre, parfois salué par le public, mais qui suppose d’accepter une fréquentation moindre. La question dépasse la simple gestion : elle touche au rôle que les pouvoirs publics entendent confier à ces événements, devenus pour de nombreux territoires un moteur d’attractivité autant qu’un rendez-vous culturel.</p>""",
        "tags": ["festivals", "collectivites", "budget-2027"],
        "authors": ["ines-haddad", "mathieu-kerbrat"],
        "hours_ago": 86,
        "featured": False,
        "sources": [
            {
                "label": "Budget prévisionnel des Nuits de l’Ourse (document transmis par l’association organisatrice)",
                "url": "https://example.net/nuits-de-l-ourse/budget-previsionnel.pdf",
            },
        ],
        "corrections": [],
        "how_we_worked": (
            "Nous avons interrogé les directeurs de neuf festivals de tailles "
            "différentes et consulté les budgets de ceux qui ont accepté de nous "
            "les communiquer. Les fourchettes de financement public citées "
            "correspondent à ces budgets et ne prétendent pas décrire l’ensemble "
            "du secteur."
        ),
        "image": {
            "alt": "Illustration abstraite aux tons magenta et indigo, où des faisceaux lumineux se croisent sur un fond sombre.",
            "caption": "Le festival des Nuits de l’Ourse a accueilli 24 000 spectateurs lors de sa dernière édition.",
            "credit": "Illustration : Le Courrier du Matin",
        },
        "updated_hours_after": None,
    },
    # 13. Sciences
    {
        "title": "Recherche : une bactérie des marais de l’Ourse s’attaque à certains plastiques",
        "slug": "recherche-une-bacterie-des-marais-de-l-ourse-s-attaque-a-certains-plastiques",
        "category": "sciences",
        "type": "news",
        "standfirst": (
            "Des microbiologistes de Mirabelle-sur-Ourse décrivent une souche "
            "capable de décomposer lentement des films de polyéthylène. Une piste "
            "prometteuse, mais encore loin d’une application industrielle."
        ),
        "body": """<p>Tout est parti d’un prélèvement de routine. En analysant des sédiments recueillis dans les marais de l’Ourse, à proximité d’une ancienne décharge, une équipe du laboratoire de microbiologie environnementale de Mirabelle-sur-Ourse a isolé une bactérie jusqu’ici inconnue, capable de dégrader des films de <strong>polyéthylène</strong>, l’un des plastiques les plus répandus dans les emballages.</p>
<h2>Une perte de masse mesurable</h2>
<p>Dans les conditions du laboratoire, à une température de 30 °C, la souche a réduit de 12 % en moyenne la masse de fins films plastiques en soixante jours. Les chercheurs ont identifié deux enzymes impliquées dans le processus, qui fragilisent les longues chaînes du polymère avant que la bactérie n’en consomme les fragments. Leurs résultats ont été publiés sous forme de prépublication et sont en cours d’évaluation par des pairs.</p>
<p>Thibault Garnier, microbiologiste et premier auteur de l’étude, insiste sur la prudence :</p>
<blockquote><p>« C’est une découverte encourageante, mais il ne faut pas imaginer des bactéries qui feraient disparaître les océans de plastique. Nous avons travaillé sur des films très fins, dans des conditions contrôlées. Sur un objet épais, dans la nature, l’effet serait infiniment plus lent. »</p></blockquote>
<h2>Des limites importantes</h2>
<p>D’autres équipes dans le monde ont déjà décrit des micro-organismes capables de s’attaquer à certains plastiques, avec des résultats comparables. La principale difficulté reste de passer du laboratoire à l’échelle industrielle : il faudrait accélérer considérablement la réaction, maîtriser les sous-produits et s’assurer que ces bactéries ne posent aucun risque pour les écosystèmes.</p>
<p>L’équipe de Mirabelle-sur-Ourse souhaite désormais étudier les enzymes isolément, afin de les améliorer sans avoir à manipuler la bactérie elle-même. Un projet de recherche de trois ans a été soumis à un appel européen. Les chercheurs rappellent enfin que la seule solution éprouvée à la pollution plastique reste la réduction de la production et des déchets à la source.</p>""",
        "tags": ["recherche"],
        "authors": ["sophie-delorme"],
        "hours_ago": 104,
        "featured": False,
        "sources": [
            {
                "label": "Prépublication : « Dégradation de films de polyéthylène par une souche bactérienne isolée en zone humide »",
                "url": "https://www.example.org/prepublications/souche-ourse-polyethylene",
            },
        ],
        "corrections": [],
        "how_we_worked": "",
        "image": {
            "alt": "Illustration abstraite aux tons vert olive et blanc nacré, peuplée de petites formes ovales dispersées.",
            "caption": "La souche isolée dans les marais de l’Ourse a réduit de 12 % la masse de films plastiques en soixante jours.",
            "credit": "Illustration : Le Courrier du Matin",
        },
        "updated_hours_after": None,
    },
    # 14. Sport
    {
        "title": "Coupe régionale : le FC Pontvallon arrache sa place en demi-finale aux tirs au but",
        "slug": "coupe-regionale-le-fc-pontvallon-arrache-sa-place-en-demi-finale-aux-tirs-au-but",
        "category": "sport",
        "type": "news",
        "standfirst": (
            "Menés jusqu’à la 88e minute, les Pontvallonnais ont égalisé sur "
            "penalty avant de s’imposer lors de la séance de tirs au but face à "
            "l’AS Castelbrune (1-1, 5-4 aux tirs au but)."
        ),
        "body": """<p>Il y avait près de 3 000 spectateurs dans les tribunes du stade des Peupliers, un record pour un quart de finale de coupe régionale. Ils ne sont pas repartis déçus. Au terme d’une rencontre longtemps cadenassée, le FC Pontvallon a éliminé l’AS Castelbrune, pensionnaire de la division supérieure, et rejoint le dernier carré de la compétition.</p>
<h2>Une fin de match irrespirable</h2>
<p>Les visiteurs avaient ouvert le score peu avant la pause, sur une tête parfaitement placée à la suite d’un corner. Dominateurs en seconde période, les Pontvallonnais se sont longtemps heurtés à une défense regroupée. Il a fallu attendre la 88e minute et une faute dans la surface sur l’attaquant Yanis Berthier pour voir l’arbitre désigner le point de penalty. Berthier lui-même a pris le gardien à contre-pied.</p>
<p>La séance de tirs au but s’est jouée sur un détail : le quatrième tireur castelbrunois a vu sa frappe repoussée par le poteau. Le gardien pontvallonnais, Samuel Adjovi, 19 ans, a été porté en triomphe par ses coéquipiers.</p>
<h2>Un parcours inattendu</h2>
<p>Personne, en début de saison, n’imaginait le club aussi loin dans la compétition. Avec un budget modeste et un effectif largement composé de joueurs formés au club, le FC Pontvallon occupe le milieu de tableau de son championnat. « Ce groupe ne lâche jamais rien. On a souffert, mais on est allés chercher cette qualification avec le cœur », a réagi l’entraîneur, Didier Lamotte, la voix cassée par l’émotion.</p>
<p>Le tirage au sort des demi-finales aura lieu en début de semaine prochaine. Le club espère recevoir, afin de prolonger l’élan populaire suscité par cette qualification.</p>""",
        "tags": ["football", "sport-amateur"],
        "authors": ["mathieu-kerbrat"],
        "hours_ago": 126,
        "featured": False,
        "sources": [],
        "corrections": [],
        "how_we_worked": "",
        "image": {
            "alt": "Illustration abstraite aux tons vert gazon et blanc, traversée d’une courbe dynamique évoquant une trajectoire de ballon.",
            "caption": "Le FC Pontvallon s’est qualifié pour les demi-finales de la coupe régionale devant près de 3 000 spectateurs.",
            "credit": "Illustration : Le Courrier du Matin",
        },
        "updated_hours_after": 1,
    },
    # 15. Sport
    {
        "title": "Cyclisme : les courses de village sont-elles en voie de disparition ?",
        "slug": "cyclisme-les-courses-de-village-sont-elles-en-voie-de-disparition",
        "category": "sport",
        "type": "news",
        "standfirst": (
            "Faute de bénévoles et face à la hausse des frais d’organisation, de "
            "nombreux comités des fêtes renoncent à leur course cycliste annuelle. "
            "Dans la région, leur nombre a diminué d’un tiers en dix ans."
        ),
        "body": """<p>Pendant plus de cinquante ans, le Grand Prix de Pontbrial a marqué le dernier dimanche d’août. Un circuit de quatre kilomètres tracé entre l’église et la coopérative agricole, une centaine de coureurs amateurs, des familles installées sur le bord de la route. Cette année, pour la première fois, il n’a pas eu lieu. Le comité des fêtes n’a pas trouvé assez de signaleurs pour sécuriser le parcours.</p>
<h2>Des coûts en hausse, des bénévoles en baisse</h2>
<p>Pontbrial n’est pas un cas isolé. Selon le comité régional de cyclisme, le nombre de courses sur route organisées dans la région est passé d’environ 180 à 120 en dix ans. En cause, d’abord, la difficulté à mobiliser des bénévoles : une épreuve de village nécessite en moyenne une quarantaine de personnes pour tenir les carrefours, gérer les inscriptions et assurer la buvette.</p>
<p>S’y ajoutent des frais en forte hausse : présence obligatoire de secouristes, assurance, location de barrières, parfois des services d’ordre rémunérés. Josiane Ferrec, présidente du comité des fêtes de Pontbrial, a fait les comptes :</p>
<blockquote><p>« Il y a quinze ans, on organisait la course avec 2 000 euros et beaucoup de bonne volonté. Aujourd’hui, il en faut plus de 6 000, et les bonnes volontés ont des cheveux blancs. On n’a pas arrêté par manque d’envie, on a arrêté parce qu’on ne pouvait plus garantir la sécurité des coureurs. »</p></blockquote>
<h2>Des solutions pour tenir</h2>
<p>Certaines communes tentent de mutualiser leurs moyens. Dans le canton voisin, cinq villages organisent désormais un challenge commun, partageant barrières, sonorisation et équipes de bénévoles. D’autres remplacent la course traditionnelle par une randonnée cyclotouriste, moins contraignante à encadrer.</p>
<p>Le comité régional plaide pour un allègement de certaines formalités et pour un fonds d’aide aux petits organisateurs. L’enjeu dépasse le folklore : ces épreuves sont souvent le premier contact des jeunes licenciés avec la compétition. « Sans courses de village, il n’y aura plus de coureurs dans dix ans », prévient un dirigeant de club.</p>""",
        "tags": ["sport-amateur", "collectivites"],
        "authors": ["mathieu-kerbrat"],
        "hours_ago": 168,
        "featured": False,
        "sources": [
            {
                "label": "Bilan statistique du comité régional de cyclisme",
                "url": "https://example.com/cyclisme-regional/bilan-courses-sur-route",
            },
        ],
        "corrections": [],
        "how_we_worked": "",
        "image": {
            "alt": "Illustration abstraite aux tons jaune soleil et bleu ciel, où des cercles évoquent des roues en mouvement.",
            "caption": "Le Grand Prix de Pontbrial n’a pas pu être organisé cette année, faute de signaleurs bénévoles.",
            "credit": "Illustration : Le Courrier du Matin",
        },
        "updated_hours_after": None,
    },
]

PAGES = [
    {
        "title": "Nos principes éditoriaux",
        "slug": "principes-editoriaux",
        "body": """<p><em>Le Courrier du Matin</em> est un quotidien d’information générale indépendant. Ces principes, rédigés et régulièrement révisés par la rédaction, s’appliquent à tous nos journalistes, permanents comme pigistes, et à toutes nos publications.</p>
<h2>L’exactitude avant la rapidité</h2>
<p>Nous préférons publier une information vérifiée avec retard plutôt qu’une information fausse en premier. Chaque fait important doit être confirmé par au moins deux sources indépendantes, ou par un document dont nous avons pu établir l’authenticité. Les chiffres sont systématiquement rapportés à leur origine, que nous citons et, lorsque c’est possible, mettons en lien sous l’article.</p>
<h2>Nos sources</h2>
<p>Nous identifions nos sources par leur nom et leur fonction chaque fois que c’est possible. L’anonymat n’est accordé que lorsqu’une personne s’expose à un risque réel — perte d’emploi, pressions, menaces — et que l’information ne peut être obtenue autrement. Dans ce cas, au moins un responsable de la rédaction connaît l’identité de la source, et nous expliquons au lecteur pourquoi elle n’est pas nommée. Les personnes mises en cause dans nos articles sont toujours sollicitées avant publication et disposent d’un délai raisonnable pour répondre.</p>
<h2>Indépendance</h2>
<p>Aucun annonceur, actionnaire ou partenaire ne relit nos articles avant leur publication. Nos journalistes n’acceptent ni cadeaux ni voyages offerts par les personnes ou les organisations qu’ils couvrent. Les entretiens peuvent être relus par les personnes interrogées pour vérifier l’exactitude des faits et des chiffres, mais la rédaction conserve seule la maîtrise du texte final.</p>
<h2>Séparer l’information de l’opinion</h2>
<p>Chaque article porte une mention qui indique sa nature : <strong>actualité</strong>, <strong>analyse</strong>, <strong>enquête</strong>, <strong>entretien</strong>, <strong>dépêche</strong> ou <strong>opinion</strong>. Les éditoriaux et les tribunes sont clairement signalés comme tels ; ils expriment un point de vue et ne modifient en rien la manière dont nos journalistes rapportent les faits. Lorsque la méthode de travail éclaire la lecture d’un article, nous la décrivons dans un encadré « Comment nous avons travaillé ».</p>""",
    },
    {
        "title": "Politique de corrections",
        "slug": "politique-de-corrections",
        "body": """<p>Comme toute rédaction, nous commettons des erreurs. Notre engagement est de les reconnaître rapidement, de les corriger clairement et d’en informer nos lecteurs.</p>
<h2>Ce que nous corrigeons</h2>
<p>Toute erreur factuelle — un chiffre, un nom, une date, une fonction, une citation mal attribuée — fait l’objet d’une correction, quelle que soit son importance apparente. Les fautes d’orthographe ou de frappe qui ne modifient pas le sens d’une phrase sont rectifiées sans mention particulière.</p>
<h2>Comment les corrections apparaissent</h2>
<p>Une correction n’est jamais effectuée en silence. Elle est signalée par une note placée sous l’article, qui précise la date et l’heure de la modification, la nature de l’erreur et l’information exacte. Nous ne supprimons pas un article pour faire disparaître une erreur : le texte corrigé reste en ligne, accompagné de sa note, afin que chacun puisse comprendre ce qui a changé.</p>
<p>Lorsqu’une erreur remet en cause l’ensemble d’un article, nous publions en outre un texte distinct expliquant ce qui s’est passé et les mesures prises pour éviter qu’elle ne se reproduise.</p>
<h2>Corrections et mises à jour</h2>
<p>Nous distinguons la <strong>correction</strong>, qui rectifie une erreur, de la <strong>mise à jour</strong>, qui ajoute des éléments nouveaux à un article exact au moment de sa publication : une réaction, un bilan actualisé, une décision intervenue depuis. Les mises à jour sont signalées par la mention « Mis à jour », suivie de la date et de l’heure, en tête de l’article.</p>
<h2>Nous signaler une erreur</h2>
<p>Vous avez repéré une erreur ? Écrivez-nous à l’adresse corrections@example.com en précisant l’article concerné et, si possible, la source de l’information exacte. Chaque signalement est lu par un membre de la rédaction en chef, qui vous répond dans les meilleurs délais, y compris lorsque nous estimons qu’aucune correction n’est nécessaire.</p>""",
    },
    {
        "title": "À propos",
        "slug": "a-propos",
        "body": """<p>Fondé en 1946 à Pontvallon, <em>Le Courrier du Matin</em> est un quotidien d’information générale devenu, au fil des décennies, un titre de référence pour ses lecteurs de l’Ouest et bien au-delà. Il est aujourd’hui publié chaque jour en ligne et, six jours sur sept, en édition imprimée.</p>
<h2>Notre rédaction</h2>
<p>La rédaction compte une quarantaine de journalistes, répartis entre le siège de Pontvallon, trois bureaux locaux et un correspondant permanent à Bruxelles. Elle s’organise en sept services : Politique, International, Économie, Société, Culture, Sciences et Sport. Une cellule d’enquête, composée de journalistes issus de différents services, mène des investigations au long cours sur des sujets d’intérêt public.</p>
<p>Les journalistes sont représentés par une société des rédacteurs, élue chaque année, qui est consultée sur toute nomination à la direction de la rédaction et veille au respect de nos principes éditoriaux.</p>
<h2>Notre indépendance</h2>
<p>Le journal appartient majoritairement à une fondation à but non lucratif, dont les statuts interdisent la distribution de dividendes : les éventuels bénéfices sont réinvestis dans l’information. Nos revenus proviennent pour plus des deux tiers des abonnements, le reste de la publicité et de la vente au numéro. Aucun actionnaire ni annonceur n’intervient dans le choix ou le traitement des sujets.</p>
<h2>Nous contacter</h2>
<p>Pour proposer une information, réagir à un article ou nous faire part d’une remarque, écrivez à redaction@example.com. Pour signaler une erreur, consultez notre politique de corrections ; pour comprendre nos méthodes de travail, nos principes éditoriaux. Nous lisons chaque message avec attention.</p>""",
    },
]

# Readers' comments on a few articles (all approved): (article slug, name, website, text,
# replies as (name, text) pairs, hours after publication).
COMMENTS = [
    (
        "budget-2027-le-gouvernement-renonce-a-geler-les-dotations-des-communes",
        "Hélène Marchal",
        "",
        "Maire d’une commune de 900 habitants, je confirme : sans cette dotation, nous aurions "
        "dû reporter la rénovation de l’école. Reste à voir ce que donnera le « redéploiement » "
        "annoncé.",
        [
            (
                "Yannick B.",
                "Le redéploiement, c’est souvent prendre d’une main ce qu’on rend de l’autre. "
                "Attendons le détail des crédits d’investissement.",
            ),
        ],
        3,
    ),
    (
        "budget-2027-le-gouvernement-renonce-a-geler-les-dotations-des-communes",
        "Karim Ouali",
        "https://carnet.example.net/",
        "Article clair, merci. Une carte des communes concernées par département serait utile "
        "pour comprendre où l’effort aurait porté.",
        [],
        5,
    ),
    (
        "logement-social-a-pontvallon-4000-demandes-dormaient-dans-un-fichier-oublie",
        "Sylvie Perrin",
        "",
        "Mon dossier faisait peut-être partie de ce fichier : trois ans sans la moindre "
        "réponse. Merci d’avoir enquêté là-dessus.",
        [
            (
                "Thomas L.",
                "Même situation pour ma sœur. Le bailleur a-t-il dit comment les demandeurs "
                "seraient recontactés ?",
            ),
        ],
        2,
    ),
]
